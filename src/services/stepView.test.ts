import { describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import {
  expectedXml,
  failureExplanations,
  formatDuration,
  groupSteps,
  stepLabel,
  stepSummary,
} from './stepView';
import { match, parseXml, expand } from '../scansion';
import type { StepFailure } from '../runner';

const SCRIPT = `# T
[Client] Romeo
	jid: romeo@localhost
	password: p
-----
Romeo connects
# Join the room
Romeo sends:
	<presence to="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc"/></presence>
Romeo receives:
	<presence from="\${Romeo's full JID}"/>
Romeo receives: nothing
# Leave
Romeo disconnects
`;

describe('step view helpers', () => {
  const { script } = parse(SCRIPT);
  it('groups consecutive steps under their comment headings', () => {
    const g = groupSteps(script);
    expect(g.map((x) => [x.section, x.steps.length])).toEqual([
      [undefined, 1],
      ['Join the room', 3],
      ['Leave', 1],
    ]);
  });
  it('labels and summarizes steps', () => {
    expect(script.steps.map(stepLabel)).toEqual([
      'Romeo connects',
      'Romeo sends',
      'Romeo receives',
      'Romeo receives nothing',
      'Romeo disconnects',
    ]);
    expect(stepSummary(script.steps[1])).toBe('<presence to="room@conference.localhost/Romeo">');
  });
  it('expands variables in the expected XML', () => {
    expect(expectedXml(script.steps[2], { "Romeo's full JID": 'romeo@localhost/r1' })).toBe(
      '<presence from="romeo@localhost/r1"/>',
    );
  });
  it('shows variables as written before a run (no &apos;)', () => {
    expect(expectedXml(script.steps[2], {})).toBe(`<presence from="\${Romeo's full JID}"/>`);
  });
  it('explains a failure once per failure object, from the step, what arrived and the context', () => {
    const vars = { "Romeo's full JID": 'romeo@localhost/r1' };
    const step = script.steps[2];
    if (step.action !== 'receives') throw new Error('step 2 receives');
    const received = '<presence from="romeo@localhost/other"/>';
    const r = match(expand(step.stanzas[0], vars).element, parseXml(received).elements[0]);
    const failure: StepFailure = {
      step: 2,
      line: 10,
      stepText: 'Romeo receives:',
      message: 'mismatch',
      received,
      mismatches: r.ok ? [] : r.mismatches,
      context: {
        sameClientLater: [{ seq: 3, xml: '<presence from="romeo@localhost/r1"/>' }],
        otherClients: [],
        dropped: [],
      },
    };
    const out = failureExplanations(step, failure, vars);
    expect(out.map((e) => e.kind)).toEqual(['arrived-later', 'mismatch']);
    expect(out[1].sentence).toBe(
      "On <presence>, attribute from: expected 'romeo@localhost/r1', got 'romeo@localhost/other'.",
    );
    expect(failureExplanations(step, failure, vars)).toBe(out);
    expect(failureExplanations(script.steps[1], failure, vars)).toEqual([]);
  });
  it('formats durations', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1240)).toBe('1.24 s');
    expect(formatDuration(undefined)).toBe('');
  });
});

describe('stanza summaries', async () => {
  const { summarizeStanza, shortNs } = await import('./stanzaSummary');
  it('names the stanza, its type and payload namespaces', () => {
    expect(shortNs('urn:xmpp:occupant-id:0')).toBe('occupant-id');
    expect(shortNs('http://jabber.org/protocol/muc#user')).toBe('muc#user');
    const s = summarizeStanza(
      '<presence type="unavailable" to="r@c/n"><x xmlns="vcard-temp:x:update"/><occupant-id xmlns="urn:xmpp:occupant-id:0"/></presence>',
    );
    expect(s.text).toBe('presence unavailable · update, occupant-id');
    expect(s.to).toBe('r@c/n');
    expect(summarizeStanza('<message type="chat"><body>x</body></message>').text).toBe('message chat · body');
  });
});
