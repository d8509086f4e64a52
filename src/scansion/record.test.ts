// The recorder over transcripts captured from Prosody 0.12 (tests/tools/live-capture.ts) for five MUC
// flows: each recorded script parses cleanly, keeps every client's burst together, and replays green
// on the mock and on a real Prosody (a clean server per replay). A mod_scansion_record recording is
// imported and replayed on Prosody too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from './parser';
import { recordScript, indentBlock } from './record';
import { importScansionRecording, isScansionRecording, recordingToTranscript } from './scansionRecord';
import { validateTranscript, type Transcript } from './transcript';
import { runCommand, type RunIo } from '../cli/run';
import { needs, startTestProsody, type TestProsody } from '../../tests/conformance-prosody';

const fixtures = path.join(import.meta.dirname, 'fixtures/record');
const FLOWS = ['join-leave', 'groupchat', 'private-message', 'kick', 'room-config'];
/** What a MUC flow's author would not assert on; absent from the mock's stanzas. */
const DECORATIONS = ['vcard-temp:x:update', 'urn:xmpp:occupant-id:0', 'delay', 'urn:xmpp:sid:0'];

function transcript(name: string): Transcript {
  const v = validateTranscript(JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')));
  if (!v.ok) throw new Error(`${name}: ${v.error}`);
  return v.transcript;
}

/** Replays a script with the CLI (`scs run --mock` or `--server URL`); the exit status and report. */
async function replay(text: string, target: 'mock' | string) {
  expect(parse(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out: string[] = [];
  const io: RunIo = {
    stdout: (x) => void out.push(x),
    stderr: (x) => void out.push(x),
    readFile: () => text,
    kind: (p) => (p === 'recorded.scs' ? 'file' : undefined),
    list: () => [],
    now: () => Date.now(),
  };
  const args = target === 'mock' ? ['--mock'] : ['--server', target, '--timeout', '3000'];
  const code = await runCommand([...args, '--reporter', 'json', 'recorded.scs'], io);
  return { code, report: out.join('') };
}

describe('recordScript', () => {
  it('writes each client’s receives together between actions, not in arrival order', () => {
    const t: Transcript = {
      clients: [
        { name: 'Romeo', jid: 'romeo@localhost', password: 'pw' },
        { name: 'Juliet', jid: 'juliet@localhost', password: 'pw' },
      ],
      entries: [
        { kind: 'connect', client: 'Romeo', fullJid: 'romeo@localhost/r1' },
        { kind: 'connect', client: 'Juliet', fullJid: 'juliet@localhost/j1' },
        { kind: 'send', client: 'Juliet', xml: "<presence to='hall@conference.localhost/Juliet'/>" },
        {
          kind: 'receive',
          client: 'Juliet',
          xml: '<presence from="hall@conference.localhost/Romeo"/>',
          burst: 3,
        },
        {
          kind: 'receive',
          client: 'Romeo',
          xml: '<presence from="hall@conference.localhost/Juliet"/>',
          burst: 3,
        },
        {
          kind: 'receive',
          client: 'Juliet',
          xml: '<presence from="hall@conference.localhost/Juliet"/>',
          burst: 3,
        },
        { kind: 'quiet', client: 'Romeo' },
        {
          kind: 'send',
          client: 'Romeo',
          xml: "<message to='juliet@localhost/j1' id='m1'><body>hi</body></message>",
        },
        {
          kind: 'receive',
          client: 'Juliet',
          xml: '<message from="romeo@localhost/r1" to="juliet@localhost/j1" id="m1" xmlns="jabber:client"><body>hi</body></message>',
          burst: 4,
        },
      ],
    };
    const { text, warnings } = recordScript(t, { title: 'Two clients' });
    expect(warnings).toEqual([]);
    const { script, diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(script.metadata.title).toBe('Two clients');
    expect(script.steps.map((s) => `${s.client} ${s.action}`)).toEqual([
      'Romeo connects',
      'Juliet connects',
      'Juliet sends',
      'Juliet receives',
      'Juliet receives',
      'Romeo receives',
      'Romeo receives-nothing',
      'Romeo sends',
      'Juliet receives',
    ]);
    // The bound full JID (server-chosen resource) becomes a variable in sends and receives.
    expect(text).toContain(`<message to="\${Juliet's full JID}" id='m1'>`);
    expect(text).toContain(`from="\${Romeo's full JID}"`);
    // The recipient's own JID as `to` is left out of what it received.
    expect(text.slice(text.lastIndexOf('Juliet receives:'))).not.toContain('to=');
  });

  it('keeps bad input out with a located warning instead of failing', () => {
    const { text, warnings } = recordScript({
      clients: [{ name: 'Romeo', jid: 'romeo@localhost', password: 'pw' }],
      entries: [
        { kind: 'connect', client: 'Romeo', fullJid: 'romeo@localhost/r1' },
        { kind: 'receive', client: 'Romeo', xml: '<presence', burst: 1 },
        { kind: 'send', client: 'Tybalt', xml: '<presence/>' },
      ],
    });
    expect(warnings).toEqual([
      'entry 2: a stanza Romeo received is not well-formed XML; left out',
      'entry 3 (send): Tybalt is not a declared client; left out',
    ]);
    expect(parse(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('indents typed blocks one tab deep, common indentation removed', () => {
    expect(indentBlock('\n    <a>\n      <b/>\n    </a>\n')).toBe('\t<a>\n\t  <b/>\n\t</a>');
  });
});

describe('recorded MUC flows replay on the mock', () => {
  for (const flow of FLOWS) {
    it(flow, async () => {
      const { text } = recordScript(transcript(flow), { dropDecorations: DECORATIONS });
      const { code, report } = await replay(text, 'mock');
      expect(report).toContain('"pass"');
      expect(code, report).toBe(0);
    });
  }
});

describe('mod_scansion_record import', () => {
  const recording = readFileSync(path.join(fixtures, 'mod_scansion_record.scs'), 'utf8');

  it('regroups the global order so each client’s burst is read together', () => {
    expect(isScansionRecording(recording)).toBe(true);
    const { transcript: t } = recordingToTranscript(recording);
    expect(t.clients.map((c) => c.jid)).toEqual(['romeo@localhost', 'juliet@localhost']);
    const { text, errors } = importScansionRecording(recording, { dropDecorations: DECORATIONS });
    expect(errors).toEqual([]);
    const steps = parse(text).script.steps.map((s) => `${s.client} ${s.action}`);
    // As recorded: Juliet, Romeo, Juliet; regrouped: Juliet's three receives, then Romeo's.
    const join = steps.indexOf('Juliet sends');
    expect(steps.slice(join + 1, join + 5)).toEqual([
      'Juliet receives',
      'Juliet receives',
      'Juliet receives',
      'Romeo receives',
    ]);
  });

  it('reports an unreadable recording with its location', () => {
    const r = importScansionRecording(
      "# mod_scansion_record on host 'x'\n\n[Client] A\n\tjid: a@x\n\n-----\n\nA sends:\n\t<iq\n",
    );
    expect(r.text).toBe('');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].line).toBeGreaterThan(0);
  });

  it('replays green on the mock', async () => {
    const { text } = importScansionRecording(recording, { dropDecorations: DECORATIONS });
    const { code, report } = await replay(text, 'mock');
    expect(code, report).toBe(0);
  });
});

const haveProsody = needs('record replay on Prosody', { prosody: true });

describe.skipIf(!haveProsody)('recorded MUC flows replay on Prosody', () => {
  let prosody: TestProsody;
  beforeAll(async () => {
    prosody = await startTestProsody('live-record');
  }, 30_000);
  afterAll(() => prosody?.stop(), 30_000);

  for (const flow of FLOWS) {
    for (const drop of [[], DECORATIONS]) {
      it(`${flow}${drop.length ? ', decorations dropped' : ''}`, async () => {
        prosody.restart();
        const { text } = recordScript(transcript(flow), { dropDecorations: drop });
        const { code, report } = await replay(text, prosody.wsUrl);
        expect(code, report).toBe(0);
      });
    }
  }

  it('an imported mod_scansion_record recording', async () => {
    prosody.restart();
    const recording = readFileSync(path.join(fixtures, 'mod_scansion_record.scs'), 'utf8');
    const { text } = importScansionRecording(recording);
    // Over TCP this time (xmpp://), as scansion itself connects.
    const { code, report } = await replay(text, prosody.tcpUrl);
    expect(code, report).toBe(0);
  });
});
