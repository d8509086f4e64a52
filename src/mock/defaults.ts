// The default components of a mock server: what the corpus config serves and the mock implements.
// The MUC (src/mock/muc, the mock-muc helper's) registers at conference.localhost.
import type { Component } from './component';
import { createMucService } from './muc/index';

export function defaultComponents(): Component[] {
  return [createMucService()];
}
