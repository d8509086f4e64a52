// Removes the temporary directories this run made (the served copy of dist/). Each worker's Prosody is
// stopped, its directory removed, by the worker fixture (support/test.ts).
import fs from 'node:fs';
import { ownedDir } from './support/ports';

export default async function globalTeardown(): Promise<void> {
  const dir = ownedDir('SCS_E2E_SERVED_DIR');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
