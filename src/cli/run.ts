// Placeholder until the runner lands: `scs run` (owned by the runner work).
export async function runCommand(_args: string[]): Promise<number> {
  process.stderr.write('scs run: not implemented yet\n');
  return 2;
}
