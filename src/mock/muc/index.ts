// The MUC service (XEP-0045 as Prosody 0.12 implements it) for the mock server: a Component at
// conference.localhost. Behaviour is specified rule by rule in src/mock/SPEC.md (MUC-*).
import type { Component } from '../component';
import { MucService, type MucServiceOptions } from './service';

export type { MucServiceOptions } from './service';
export { MucService, FROZEN_TIME } from './service';

export function createMucService(opts?: MucServiceOptions): Component & MucService {
  return new MucService(opts);
}
