import { describe, expect, it } from 'vitest';
import { expand, match, parse, parseXml } from '../scansion';
import type { XmlStep } from '../scansion/types';
import { createAppStore } from '../store';
import { acceptAllReceived, acceptReceived, acceptedText } from './acceptReceived';

const SCRIPT = `# Accept
[Client] Romeo
	jid: romeo@localhost
	password: p

-----

Romeo connects

Romeo sends:
	<iq type="get" id="ping1" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>

Romeo receives:
	<iq type="result" id="ping1" from="localhost"/>

Romeo sends:
	<presence to="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc"/></presence>

# The room's answer
Romeo receives:
	<presence from="room@conference.localhost/Romeo">
		<x xmlns="http://jabber.org/protocol/muc#user">
			<item affiliation="owner" role="visitor"/>
		</x>
	</presence>

Romeo disconnects
`;

const FULL = 'romeo@localhost/r4nd0m';
const PING = `<iq xmlns="jabber:client" type="result" id="ping1" from="localhost" to="${FULL}"/>`;
const JOIN =
  `<presence xmlns="jabber:client" from="room@conference.localhost/Romeo" to="${FULL}" xml:lang="en">` +
  `<x xmlns="vcard-temp:x:update"><photo/></x><occupant-id xmlns="urn:xmpp:occupant-id:0" id="abc="/>` +
  `<x xmlns="http://jabber.org/protocol/muc#user"><status code="201"/><item jid="${FULL}" affiliation="owner" role="moderator"/><status code="110"/></x></presence>`;

function failedRun(text = SCRIPT) {
  const store = createAppStore();
  store.getState().setText(text);
  const { script } = parse(text);
  store.getState().beginRun({ runId: 'r', script, target: 'mock' });
  const ev = { runId: 'r', at: 1 } as const;
  store
    .getState()
    .applyEvent({
      ...ev,
      type: 'variables',
      variables: { "Romeo's full JID": FULL, "Romeo's JID": 'romeo@localhost' },
    });
  store.getState().applyEvent({ ...ev, type: 'step-passed', step: 2, durationMs: 1, received: PING });
  store.getState().applyEvent({
    ...ev,
    type: 'step-failed',
    durationMs: 1,
    step: 4,
    line: 21,
    stepText: 'Romeo receives:',
    message: 'mismatch',
    received: JOIN,
    mismatches: [{ kind: 'attribute-value', path: '/presence/x[1]/item[1]@role', message: 'role' }],
  });
  return store;
}

/** The step's new expectation, expanded with the run's variables, against what arrived. */
function matchesAfter(text: string, step: number, received: string): boolean {
  const s = parse(text).script.steps[step] as XmlStep;
  const exp = expand(s.stanzas[0], { "Romeo's full JID": FULL, "Romeo's JID": 'romeo@localhost' }).element;
  return match(exp, parseXml(received).elements[0]).ok;
}

describe('accept received', () => {
  it('rewrites the failed block with the generalised stanza, indentation kept, the rest untouched', () => {
    const store = failedRun();
    const r = acceptReceived(store, 4);
    expect(r.ok).toBe(true);
    const text = store.getState().text;
    const expectedBlock = [
      `\t<presence from="room@conference.localhost/Romeo">`,
      `\t\t<x xmlns="http://jabber.org/protocol/muc#user">`,
      `\t\t\t<status code="201"/>`,
      `\t\t\t<item jid="\${Romeo's full JID}" affiliation="owner" role="moderator"/>`,
      `\t\t\t<status code="110"/>`,
      `\t\t</x>`,
      `\t</presence>`,
    ].join('\n');
    expect(text).toBe(SCRIPT.replace(/\t<presence from="room@[^]*?\t<\/presence>/, expectedBlock));
    expect(parse(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(matchesAfter(text, 4, JOIN)).toBe(true);
    expect(matchesAfter(SCRIPT, 4, JOIN)).toBe(false);
  });

  it('accept all rewrites every received step in one change, keeping ids the script sent', () => {
    const store = failedRun();
    const r = acceptAllReceived(store);
    expect(r.ok && r.steps).toEqual([2, 4]);
    const text = store.getState().text;
    expect(text).toContain(`Romeo receives:\n\t<iq id="ping1" type="result" from="localhost"/>\n`);
    expect(matchesAfter(text, 2, PING)).toBe(true);
    expect(matchesAfter(text, 4, JOIN)).toBe(true);
  });

  it("refuses, with a reason, when the text no longer has the run's step there", () => {
    const store = failedRun();
    const edited = SCRIPT.replace('Romeo connects\n', 'Romeo connects\n\nRomeo disconnects\n');
    store.getState().setText(edited);
    const r = acceptReceived(store, 4);
    expect(r).toEqual({
      ok: false,
      message: 'Step 5 is no longer the run\'s "Romeo receives": run again, then accept.',
    });
    expect(store.getState().text).toBe(edited);
  });

  it('a received stanza that is not XML changes nothing', () => {
    const { script } = parse(SCRIPT);
    const r = acceptedText(SCRIPT, script, {}, [{ step: 4, received: '<presence' }]);
    expect(r.ok).toBe(false);
  });
});
