// `scs` against hostile inputs: escape sequences from a server or in file names, huge files, absurd
// timeouts, empty scripts, tags and traces. In process, with an in-memory file system and a fake server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { parseTrace, TransportError } from '../runner/index';
import type { Transport } from '../runner/index';
import { checkCommand } from './check';
import { readScriptFile, MAX_SCRIPT_BYTES } from './readScript';
import { runCommand, type RunIo, type StopSignal } from './run';

const SCRIPT = (tags = '') =>
  `# A script\n${tags}[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: pw\n-----\nRomeo connects\nRomeo sends:\n\t<presence/>\n`;

function memIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  let signal: ((s: StopSignal) => void) | undefined;
  const io: RunIo = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (p) => {
      if (!(p in files)) throw new Error(`cannot read '${p}': no such file`);
      return files[p];
    },
    kind: (p) => (p in files ? 'file' : undefined),
    list: () => [],
    now: () => 0,
    writeFile: (dir, name, text) => void (written[path.join(dir, name)] = text),
    onSignal: (stop) => {
      signal = stop;
      return () => (signal = undefined);
    },
  };
  return {
    io,
    out: () => out.join(''),
    err: () => err.join(''),
    written,
    signal: (s: StopSignal) => signal?.(s),
  };
}

const ESC = '\u001b]0;owned\u0007\u001b[2J\u009b31m\u202e';
/** A server that refuses every login with a message full of terminal escapes. */
const hostileServer: Transport = {
  label: 'fake',
  connect: () => Promise.reject(new TransportError('auth-failed', `not-authorized: ${ESC} bye`)),
};

describe('terminal and report injection', () => {
  const file = `a${ESC}\n.scs`;
  for (const reporter of ['pretty', 'tap', 'junit']) {
    it(`${reporter}: escapes from the server and the file name are shown, not sent`, async () => {
      const m = memIo({ [file]: SCRIPT() });
      expect(await runCommand(['--reporter', reporter, file], m.io, () => hostileServer)).toBe(1);
      const out = m.out();
      expect(out).toContain('not-authorized');
      expect(
        [...out].filter((c) => {
          const n = c.charCodeAt(0);
          return (n < 32 && n !== 10 && n !== 9) || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
        }),
      ).toEqual([]);
      expect(out).toContain('\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202e');
      // The file name stays on one line in the verdict line.
      expect(out).toContain('a\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202e\\x0a.scs');
    });
  }

  it('junit: the file is well-formed XML whatever the server or the file name holds', async () => {
    const nasty = `b\ud800${ESC}\uffff]]>&<"'.scs`;
    const m = memIo({ [nasty]: SCRIPT() });
    await runCommand(['--reporter', 'junit', nasty], m.io, () => hostileServer);
    const errors: string[] = [];
    const names: string[] = [];
    const p = new SaxesParser();
    p.on('error', (e) => errors.push(e.message));
    p.on('opentag', (t) => names.push(t.name));
    p.write(m.out()).close();
    expect(errors).toEqual([]);
    expect(names).toEqual(['testsuites', 'testsuite', 'testcase', 'error']);
  });

  it('check: a file name with control characters is escaped', async () => {
    const out: string[] = [];
    const code = await checkCommand([`x\u001b[31m.scs`], {
      stdout: (s) => void out.push(s),
      stderr: () => undefined,
      readFile: () => '[Client] A\n\tjid: a@b\n\tpassword: p\n-----\nA sends:\n\t<x>\n',
    });
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/^x\\x1b\[31m\.scs:\d+:\d+: error: XML/m);
    expect(out.join('')).not.toContain('\u001b');
  });
});

describe('limits', () => {
  it('--timeout above 2^31-1 is a usage error', async () => {
    const m = memIo({ 'a.scs': SCRIPT() });
    expect(await runCommand(['--mock', '--timeout', String(2 ** 31), 'a.scs'], m.io)).toBe(2);
    expect(m.err()).toContain('--timeout must be a whole number of milliseconds from 1 to 2147483647');
    expect(
      await runCommand(
        ['--mock', '--timeout', String(2 ** 31 - 1), 'a.scs'],
        memIo({ 'a.scs': SCRIPT() }).io,
      ),
    ).toBe(0);
  });

  it('a file over the size limit, or a device that never ends, is refused with a clear message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scs-lang-limit-'));
    const big = path.join(dir, 'big.scs');
    writeFileSync(big, 'x'.repeat(1024));
    expect(() => readScriptFile(big, 1000)).toThrow(
      `cannot read '${big}': it is larger than the script size limit`,
    );
    expect(readScriptFile(big, 1024)).toHaveLength(1024);
    expect(() => readScriptFile('/dev/zero')).toThrow(
      `cannot read '/dev/zero': it is larger than the script size limit (${MAX_SCRIPT_BYTES / 1024 / 1024} MiB)`,
    );
  });

  it('an empty script or one that is all comments is not a pass: check exits 1, run reports it', async () => {
    for (const text of ['', '# only a title\n-- Romeo connects\n', '# cr only\r-- Romeo connects\r']) {
      const m = memIo({ 'e.scs': text });
      expect(await runCommand(['--mock', 'e.scs'], m.io)).toBe(2);
      expect(m.out()).toMatch(/ERROR e\.scs[\s\S]*the script has no steps/);
      const out: string[] = [];
      expect(
        await checkCommand(['e.scs'], {
          stdout: (s) => void out.push(s),
          stderr: () => undefined,
          readFile: () => text,
        }),
      ).toBe(1);
      expect(out.join('')).toContain('error: the script has no steps');
    }
  });
});

describe('a signal stops the run and the report of what ran is written', () => {
  it('SIGTERM during the second script: report of the first two, the rest not run, exit 143', async () => {
    const files = { 'a.scs': SCRIPT(), 'b.scs': SCRIPT(), 'c.scs': SCRIPT() };
    const m = memIo(files);
    let connects = 0;
    // A server that lets the first script in and never answers the second one's login.
    const server: Transport = {
      label: 'fake',
      connect: () => {
        connects++;
        if (connects === 2) {
          setTimeout(() => m.signal('SIGTERM'), 10);
          return new Promise(() => undefined);
        }
        return Promise.reject(new TransportError('auth-failed', 'no'));
      },
    };
    const code = await runCommand(['--reporter', 'tap', 'a.scs', 'b.scs', 'c.scs'], m.io, () => server);
    expect(code).toBe(143);
    const out = m.out();
    expect(out).toMatch(/^not ok 1 - a\.scs/m);
    expect(out).toMatch(/^not ok 2 - b\.scs/m);
    expect(out).toMatch(/^ok 3 - c\.scs # SKIP not run \(SIGTERM\)$/m);
  });
});

describe('tags and traces', () => {
  const files = {
    'fast.scs': SCRIPT('## fast\n'),
    'slow.scs': SCRIPT('## slow, muc\n'),
    'none.scs': SCRIPT(),
  };
  const ran = (out: string) => [...out.matchAll(/^PASS\s+(\S+)/gm)].map((x) => x[1]);

  it('--only-tags runs the scripts with any of the tags; --skip-tags leaves out those with any', async () => {
    let m = memIo(files);
    expect(await runCommand(['--mock', '--only-tags', 'muc,fast', ...Object.keys(files)], m.io)).toBe(0);
    expect(ran(m.out())).toEqual(['fast.scs', 'slow.scs']);
    m = memIo(files);
    expect(await runCommand(['--mock', '--skip-tags', 'slow', ...Object.keys(files)], m.io)).toBe(0);
    expect(ran(m.out())).toEqual(['fast.scs', 'none.scs']);
    m = memIo(files);
    expect(
      await runCommand(
        ['--mock', '--only-tags', 'fast,muc', '--skip-tags', 'muc', ...Object.keys(files)],
        m.io,
      ),
    ).toBe(0);
    expect(ran(m.out())).toEqual(['fast.scs']);
    m = memIo(files);
    expect(await runCommand(['--mock', '--only-tags', 'nothing', ...Object.keys(files)], m.io)).toBe(2);
    expect(m.err()).toContain('no script carries the selected tags');
  });

  it('--trace DIR writes one trace per script, with unique safe names, that parseTrace reads back', async () => {
    const m = memIo({ 'x/join me.scs': SCRIPT(), 'y/join me.scs': SCRIPT(), 'bad.scs': '' });
    expect(
      await runCommand(['--mock', '--trace', 'out', 'x/join me.scs', 'y/join me.scs', 'bad.scs'], m.io),
    ).toBe(2);
    expect(Object.keys(m.written)).toEqual([
      'out/001-join_me.trace.json',
      'out/002-join_me.trace.json',
      'out/003-bad.trace.json',
    ]);
    const first = parseTrace(m.written['out/001-join_me.trace.json']);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.trace.target).toBe('mock');
    expect(first.trace.script).toEqual({ name: 'x/join me.scs', text: SCRIPT() });
    expect(first.trace.result?.verdict).toBe('pass');
    const types = first.trace.events.map((e) => e.type);
    expect(types[0]).toBe('run-started');
    expect(types.at(-1)).toBe('run-finished');
    expect(types).toContain('stanza');
    const bad = parseTrace(m.written['out/003-bad.trace.json']);
    expect(bad.ok && bad.trace.result?.verdict).toBe('error');
  });
});
