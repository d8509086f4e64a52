// Removes the private copy of dist/ the preview served, when this run made it.
import fs from 'node:fs';
import { ownedDir } from '../support/ports';

export default function globalTeardown(): void {
  const dir = ownedDir('SCS_E2E_SCRIPTS_SERVED_DIR');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
