import { describe, expect, it } from 'vitest';
import { parse as parseXml } from 'ltx';
import { runCommand, type RunIo } from './run';

const JOIN = `# Join a room
[Client] Romeo
	jid: romeo@localhost
	password: pw

-----

Romeo connects

Romeo sends:
	<presence to="hall@conference.localhost/Romeo">
		<x xmlns="http://jabber.org/protocol/muc"/>
	</presence>

Romeo receives:
	<presence from="hall@conference.localhost/Romeo">
		<x xmlns="http://jabber.org/protocol/muc#user">
			<status code="201"/>
			<item jid="\${Romeo's full JID}" affiliation="owner" role="moderator"/>
			<status code="110"/>
		</x>
	</presence>
`;

const WRONG = JOIN.replace('role="moderator"', 'role="visitor"');
const BROKEN = JOIN.replace('Romeo sends:', 'Romeo sends:\n\t<presence');

/** An in-memory file system and captured output. */
function memIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  let t = 0;
  const io: RunIo = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (p) => {
      if (!(p in files)) throw new Error('ENOENT');
      return files[p];
    },
    kind: (p) =>
      p in files ? 'file' : Object.keys(files).some((f) => f.startsWith(p + '/')) ? 'dir' : undefined,
    list: (dir) => [
      ...new Set(
        Object.keys(files)
          .filter((f) => f.startsWith(dir + '/'))
          .map((f) => f.slice(dir.length + 1).split('/')[0]),
      ),
    ],
    now: () => (t += 5),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('scs run --mock', () => {
  it('json: only the JSON document on stdout, exit 0 when all pass', async () => {
    const m = memIo({ 'a/join.scs': JOIN });
    const code = await runCommand(['--mock', '--reporter', 'json', 'a/join.scs'], m.io);
    expect(code).toBe(0);
    const doc = JSON.parse(m.out());
    expect(Object.keys(doc)).toEqual(['summary', 'scripts']);
    expect(doc.summary).toMatchObject({ passed: 1, failed: 0, errored: 0 });
    expect(typeof doc.summary.durationMs).toBe('number');
    expect(doc.scripts).toEqual([
      { file: 'a/join.scs', status: 'pass', durationMs: expect.any(Number), failure: null },
    ]);
  });

  it('json: a failing script gives line, step, message, expected, received and mismatches; exit 1', async () => {
    const m = memIo({ 'w.scs': WRONG });
    const code = await runCommand(['--mock', '--reporter', 'json', 'w.scs'], m.io);
    expect(code).toBe(1);
    const s = JSON.parse(m.out()).scripts[0];
    expect(s.status).toBe('fail');
    expect(s.failure).toMatchObject({ line: 15, step: 'Romeo receives:' });
    expect(s.failure.message).toMatch(/role/);
    expect(s.failure.expected).toContain('role="visitor"');
    expect(s.failure.received).toContain('role="moderator"');
    expect(s.failure.mismatches[0]).toMatchObject({
      kind: 'attribute-value',
      expected: 'visitor',
      received: 'moderator',
    });
  });

  it('an unparseable script is an error with its position, the others still run, exit 2', async () => {
    const m = memIo({ 'd/1.scs': BROKEN, 'd/2.scs': JOIN, 'd/notes.txt': 'x' });
    const code = await runCommand(['--mock', '--reporter', 'json', 'd'], m.io);
    expect(code).toBe(2);
    const doc = JSON.parse(m.out());
    expect(doc.scripts.map((s: { file: string; status: string }) => [s.file, s.status])).toEqual([
      ['d/1.scs', 'error'],
      ['d/2.scs', 'pass'],
    ]);
    expect(doc.scripts[0].failure.message).toMatch(/^d\/1\.scs:\d+:\d+: /);
  });

  it('pretty: verdict lines, the failing step, expected/received and mismatches in words', async () => {
    const m = memIo({ 'j.scs': JOIN, 'w.scs': WRONG });
    expect(await runCommand(['--mock', 'j.scs', 'w.scs'], m.io)).toBe(1);
    const text = m.out();
    expect(text).toMatch(/^PASS {2}j\.scs \(\d+ ms\)$/m);
    expect(text).toMatch(/^FAIL {2}w\.scs/m);
    expect(text).toContain('  line 15: Romeo receives:');
    expect(text).toContain("attribute role: expected 'visitor', got 'moderator'");
    expect(text).toMatch(/2 scripts: 1 passed, 1 failed, 0 errored/);
  });

  it('--bail stops after the first script that does not pass', async () => {
    const m = memIo({ 'd/1.scs': WRONG, 'd/2.scs': JOIN });
    expect(await runCommand(['--mock', '--bail', '--reporter', 'tap', 'd'], m.io)).toBe(1);
    expect(m.out()).toMatch(
      /^TAP version 13\n1\.\.2\nnot ok 1 - d\/1\.scs[^\n]*\n[\s\S]*ok 2 - d\/2\.scs # SKIP not run \(--bail\)\n$/,
    );
  });

  it('junit: well-formed XML with a testcase per script and a <failure> for a fail', async () => {
    const m = memIo({ 'j.scs': JOIN, 'w.scs': WRONG });
    await runCommand(['--mock', '--reporter', 'junit', 'j.scs', 'w.scs'], m.io);
    const doc = parseXml(m.out().replace(/^<\?xml[^>]*>\n/, ''));
    const suite = doc.getChild('testsuite')!;
    expect(suite.attrs).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    const cases = suite.getChildren('testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(['j.scs', 'w.scs']);
    expect(cases[1].getChild('failure')?.getText()).toContain('line 15: Romeo receives:');
  });
});

describe('scs run usage errors (exit 2)', () => {
  it.each([
    [['--mock', '--server', 'ws://x/y', 'a.scs'], '--server and --mock exclude each other'],
    [['--timeout', 'soon', 'a.scs'], '--timeout must be a whole number'],
    [['--server', 'http://x', 'a.scs'], '--server must be a ws://, wss:// or xmpp:// URL'],
    [['--reporter', 'xml', 'a.scs'], '--reporter must be one of pretty, json, tap, junit'],
    [['--mock'], 'no script given'],
    [['--mock', 'missing.scs'], "cannot read 'missing.scs'"],
    [['--frobnicate', 'a.scs'], "Unknown option '--frobnicate'"],
  ])('%j', async (args, message) => {
    const m = memIo({ 'a.scs': JOIN });
    expect(await runCommand(args, m.io)).toBe(2);
    expect(m.err()).toContain(message);
    expect(m.out()).toBe('');
  });
});

describe('scs run against a server that is not there', () => {
  it('is an error with the reason, exit 1, no hang', async () => {
    const m = memIo({ 'a.scs': JOIN });
    const code = await runCommand(
      ['--server', 'ws://127.0.0.1:1/xmpp-websocket', '--reporter', 'json', 'a.scs'],
      m.io,
    );
    expect(code).toBe(1);
    const s = JSON.parse(m.out()).scripts[0];
    expect(s.status).toBe('error');
    expect(s.failure.message).toMatch(
      /^Romeo could not connect: cannot connect to ws:\/\/127\.0\.0\.1:1\/xmpp-websocket/,
    );
  });
});
