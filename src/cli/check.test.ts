// `scs check`: output format, exit codes, JSON reporter; and the real binary (bin/scs.js) end to end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCommand } from './check';
import type { CliIo } from './check';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOOD =
  '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: pw\n-----\nRomeo connects\nRomeo sends:\n\t<presence/>\n';
const BAD =
  '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: pw\n-----\nRomeo connects\nRomeo sends:\n\t<presence>\nTybalt connects\n';
const WARN = GOOD + 'Romeo receives:\n\t<presence/>\n\n\t<presence/>\n';

function io(files: Record<string, string>): CliIo & { out: string; err: string } {
  const r = {
    out: '',
    err: '',
    stdout: (s: string) => void (r.out += s),
    stderr: (s: string) => void (r.err += s),
    readFile: (p: string) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return files[p];
    },
  };
  return r;
}

describe('scs check (in process)', () => {
  it('clean file: exit 0, no diagnostics on stdout', async () => {
    const t = io({ 'good.scs': GOOD });
    expect(await checkCommand(['good.scs'], t)).toBe(0);
    expect(t.out).toBe('');
    expect(t.err).toBe('1 file checked: 0 errors, 0 warnings\n');
  });

  it('warnings only: exit 0, printed as file:line:col: warning: message', async () => {
    const t = io({ 'w.scs': WARN });
    expect(await checkCommand(['w.scs'], t)).toBe(0);
    expect(t.out).toBe(
      'w.scs:9:2: warning: this block holds 2 stanzas; they are expected one after another (scansion accepts this, but one stanza per step is clearer)\n',
    );
  });

  it('errors: exit 1, one line per diagnostic in file order', async () => {
    const t = io({ 'good.scs': GOOD, 'bad.scs': BAD });
    expect(await checkCommand(['good.scs', 'bad.scs'], t)).toBe(1);
    expect(t.out.split('\n').filter(Boolean)).toEqual([
      'bad.scs:7:3: error: XML: unclosed tag: presence (no closing tag)',
      "bad.scs:8:1: error: client 'Tybalt' is not declared (add '[Client] Tybalt' with a jid to the header)",
    ]);
    expect(t.err).toBe('2 files checked: 2 errors, 0 warnings\n');
  });

  it('--reporter json prints only the JSON document', async () => {
    const t = io({ 'good.scs': GOOD, 'bad.scs': BAD });
    expect(await checkCommand(['--reporter', 'json', 'good.scs', 'bad.scs'], t)).toBe(1);
    expect(t.err).toBe('');
    const doc = JSON.parse(t.out);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual(['good.scs', 'bad.scs']);
    expect(doc.files[0].diagnostics).toEqual([]);
    expect(doc.files[1].diagnostics[0]).toEqual({
      severity: 'error',
      code: 'xml-malformed',
      message: 'XML: unclosed tag: presence (no closing tag)',
      line: 7,
      column: 3,
      endLine: 7,
      endColumn: 11,
    });
  });

  it('usage errors exit 2 with a clear message: unknown flag, bad reporter, no file, unreadable file', async () => {
    const cases: [string[], RegExp][] = [
      [['--frobnicate', 'good.scs'], /^scs check: Unknown option '--frobnicate'\n/],
      [
        ['--reporter', 'xml', 'good.scs'],
        /^scs check: --reporter must be one of pretty, json \(got 'xml'\)\n/,
      ],
      [[], /^scs check: no file given\n/],
      [['good.scs', 'missing.scs'], /^scs check: cannot read 'missing.scs': no such file\n$/],
    ];
    for (const [args, err] of cases) {
      const t = io({ 'good.scs': GOOD });
      expect(await checkCommand(args, t), args.join(' ')).toBe(2);
      expect(t.err).toMatch(err);
      expect(t.out).toBe('');
    }
  });
});

describe('scs (the real binary)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scs-check-'));
  const good = path.join(dir, 'good.scs');
  const bad = path.join(dir, 'bad.scs');
  writeFileSync(good, GOOD);
  writeFileSync(bad, BAD);
  const scs = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'bin/scs.js'), ...args], { encoding: 'utf8', cwd: dir });

  it('check: exit codes 0, 1, 2 and no stack traces', () => {
    const ok = scs('check', 'good.scs');
    expect(ok.status).toBe(0);
    const fail = scs('check', 'bad.scs');
    expect(fail.status).toBe(1);
    expect(fail.stdout).toContain('bad.scs:7:3: error: XML: unclosed tag: presence (no closing tag)');
    const usage = scs('check', 'nope.scs');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe("scs check: cannot read 'nope.scs': no such file\n");
    const dirErr = scs('check', dir);
    expect(dirErr.status).toBe(2);
    expect(dirErr.stderr).toMatch(/it is a directory/);
    expect(dirErr.stderr).not.toMatch(/\n\s+at /);
  });

  it('help prints usage for check and run; unknown commands exit 2', () => {
    for (const h of [['--help'], ['help']]) {
      const r = scs(...h);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('scs check');
      expect(r.stdout).toContain('scs run');
    }
    const r = scs('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("scs: unknown command 'frobnicate' (expected check, run or help)\n");
  });
});
