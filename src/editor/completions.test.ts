import { describe, expect, it } from 'vitest';
import { completionsAt, type ScsCompletion } from './completions';
import { lineRole, splitLines } from './scriptText';
import { snippetPreview } from './snippets';
import { SAMPLE } from './testScript';

const HEADER = ['[Client] Romeo', '\tjid: romeo@localhost', "[Client] Juliet's phone", '-----', ''].join(
  '\n',
);

/** Completions where `‸` marks the cursor. */
function at(textWithCursor: string): ScsCompletion[] {
  const i = textWithCursor.indexOf('‸');
  if (i < 0) throw new Error('no cursor marker');
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + 1);
  const before = textWithCursor.slice(0, i).split('\n');
  return completionsAt(text, before.length, before[before.length - 1].length + 1);
}
const labels = (items: ScsCompletion[]) => items.map((c) => c.label);

describe('lineRole', () => {
  const lines = splitLines(SAMPLE);
  it('tells header, properties, comments, body and XML lines apart', () => {
    expect(lineRole(lines, 1).kind).toBe('comment');
    expect(lineRole(lines, 4).kind).toBe('header');
    expect(lineRole(lines, 5)).toMatchObject({
      kind: 'client-property',
      client: 'Romeo',
      present: ['password'],
    });
    expect(lineRole(lines, 11).kind).toBe('separator');
    expect(lineRole(lines, 13).kind).toBe('body');
    expect(lineRole(lines, 18)).toMatchObject({
      kind: 'xml',
      blockStart: 17,
      action: 'sends',
      client: 'Romeo',
    });
    expect(lineRole(lines, 24)).toMatchObject({ kind: 'xml', blockStart: 22, action: 'receives' });
    expect(lineRole(lines, 29).kind).toBe('comment');
  });
});

describe('completionsAt: header', () => {
  it('offers [Client] and the separator at a header line start', () => {
    const items = at('# t\n‸');
    expect(labels(items)).toEqual(['[Client]', '-----']);
    expect(items[0].snippet).toBe(true);
    expect(items[0].insertText).toContain('jid: ${2:user}@localhost');
  });
  it('does not offer the separator twice', () => {
    expect(labels(at('[Client] A\n‸\n-----\n'))).toEqual(['[Client]']);
  });
  it('offers the properties not yet written in the client block', () => {
    const items = at('[Client] Romeo\n\tjid: a@b\n\t‸');
    expect(labels(items)).toEqual(['password:', 'resource:', 'connect_host:', 'connect_port:']);
    expect(items[0]).toMatchObject({ insertText: 'password: ', from: 2, to: 2 });
  });
  it('replaces a partly typed property name', () => {
    const items = at('[Client] Romeo\n\tpass‸');
    expect(items.find((c) => c.label === 'password:')).toMatchObject({ from: 2, to: 6 });
  });
});

describe('completionsAt: steps', () => {
  it('offers the declared client names at line start, and retriggers for the action', () => {
    const items = at(HEADER + '‸');
    expect(labels(items)).toEqual(['Romeo', "Juliet's phone"]);
    expect(items[1]).toMatchObject({ insertText: "Juliet's phone ", from: 1, to: 1, retrigger: true });
  });
  it('keeps offering names while a name is typed', () => {
    const items = at(HEADER + 'Jul‸');
    expect(labels(items)).toContain("Juliet's phone");
    expect(items[0]).toMatchObject({ from: 1, to: 4 });
  });
  it("offers the actions after a client name (names with spaces and 's too)", () => {
    const items = at(HEADER + "Juliet's phone ‸");
    expect(labels(items)).toEqual(['connects', 'sends:', 'receives:', 'receives: nothing', 'disconnects']);
    const sends = items.find((c) => c.label === 'sends:')!;
    expect(sends).toMatchObject({ snippet: true, insertText: 'sends:\n\t$0', from: 16, to: 16 });
    const partial = at(HEADER + 'Romeo rec‸');
    expect(partial[0]).toMatchObject({ from: 7, to: 10 });
  });
  it('offers nothing on comment lines', () => {
    expect(at(HEADER + '# a heading ‸')).toEqual([]);
  });
});

describe('completionsAt: inside XML', () => {
  const block = (xml: string) => at(HEADER + 'Romeo sends:\n\t' + xml);
  const recv = (xml: string) => at(HEADER + 'Romeo receives:\n\t' + xml);

  it('offers send-side skeletons in sends: and receive-side ones in receives:', () => {
    const sends = labels(block('‸'));
    for (const l of [
      'join a room',
      'leave the room',
      'groupchat message',
      'private message',
      'submit a config form',
      'set an affiliation',
    ]) {
      expect(sends).toContain(l);
    }
    expect(sends).not.toContain('self-presence after joining');
    expect(sends).not.toContain('iq result');
    const received = labels(recv('‸'));
    for (const l of ['self-presence after joining', 'groupchat message', 'private message', 'iq result']) {
      expect(received).toContain(l);
    }
    expect(received).not.toContain('join a room');
    expect(received).not.toContain('submit a config form');
    // The same label names a sent skeleton in sends: and an expected one in receives:.
    const sentPm = block('‸').find((c) => c.label === 'private message')!;
    const recvPm = recv('‸').find((c) => c.label === 'private message')!;
    expect(snippetPreview(sentPm.insertText)).toMatch(/^<message type="chat" to="/);
    expect(snippetPreview(recvPm.insertText)).toMatch(/^<message type="chat" from="/);
  });
  it('lets a typed `<presence` keep the presence skeletons of the block', () => {
    // Monaco matches the typed `<presence` against the filter text's start.
    const startsWith = (items: ScsCompletion[], typed: string) =>
      labels(items.filter((c) => (c.filterText ?? c.label).startsWith(typed)));
    const sends = startsWith(block('<presence‸'), '<presence');
    expect(sends).toEqual(expect.arrayContaining(['join a room', 'leave the room', 'change nickname']));
    expect(sends).not.toContain('self-presence after joining');
    const received = startsWith(recv('<presence‸'), '<presence');
    expect(received).toEqual(
      expect.arrayContaining(['self-presence after joining', 'occupant presence', 'occupant left']),
    );
    expect(received).not.toContain('join a room');
  });
  it('offers no attribute right after a closing quote (Enter must not glue one on)', () => {
    expect(block('<message to="r@c" type="groupchat"‸')).toEqual([]);
    expect(block("<message type='chat'‸")).toEqual([]);
    expect(block('<message‸').some((c) => c.kind === 'attribute')).toBe(false);
    // After a space the names come back.
    expect(labels(block('<message to="r@c" type="groupchat" ‸'))).toEqual(['xmlns', 'from', 'id']);
  });
  it('offers stanza skeletons at the start of a block, sends-side first', () => {
    const items = block('‸');
    const names = labels(items);
    for (const l of [
      'join a room',
      'submit a config form',
      'set an affiliation',
      'kick an occupant',
      'invite (mediated)',
      'groupchat message',
      'leave the room',
    ]) {
      expect(names).toContain(l);
    }
    const join = items.find((c) => c.label === 'join a room')!;
    expect(join.snippet).toBe(true);
    // The nick defaults to the step's client.
    expect(snippetPreview(join.insertText)).toBe(
      '<presence to="room@conference.localhost/Romeo">\n\t<x xmlns="http://jabber.org/protocol/muc"/>\n</presence>',
    );
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    expect(sorted[0].label).toBe('join a room');
    const recvSorted = [...recv('‸')].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    expect(recvSorted[0].label).toBe('self-presence after joining');
  });
  it('replaces a typed `<` with the skeleton', () => {
    const items = block('<‸');
    expect(items.find((c) => c.label === 'join a room')).toMatchObject({ from: 2, to: 3 });
  });
  it("offers ${Name's full JID} / ${Name's JID} after `${`, swallowing an auto-closed brace", () => {
    const text = HEADER + 'Romeo sends:\n\t<message to="${}"/>';
    const line = splitLines(text).length;
    const col = '\t<message to="${'.length + 1;
    const items = completionsAt(text, line, col);
    expect(labels(items)).toEqual([
      "${Romeo's full JID}",
      "${Romeo's JID}",
      "${Juliet's phone's full JID}",
      "${Juliet's phone's JID}",
    ]);
    // Replaces `${` and the `}` after the cursor.
    expect(items[0]).toMatchObject({ from: col - 2, to: col + 1 });
  });
  it('offers MUC namespaces in xmlns="…"', () => {
    const items = block('<x xmlns="http://jabber.org/protocol/muc‸');
    const names = labels(items);
    expect(names.slice(0, 4)).toEqual([
      'http://jabber.org/protocol/muc',
      'http://jabber.org/protocol/muc#user',
      'http://jabber.org/protocol/muc#admin',
      'http://jabber.org/protocol/muc#owner',
    ]);
    expect(names).toContain('jabber:x:data');
    expect(items[0]).toMatchObject({ kind: 'namespace', from: 12, to: 42 });
  });
  it('offers MUC status codes in <status code="…"/>, with their meaning', () => {
    const items = recv(
      "<presence>\n\t\t<x xmlns='http://jabber.org/protocol/muc#user'>\n\t\t\t<status code='‸",
    );
    expect(labels(items)).toContain('110');
    expect(labels(items)).toContain('201');
    expect(items.find((c) => c.label === '307')!.detail).toMatch(/kicked/);
  });
  it('offers values of well-known attributes, variables and {scansion:any} in receives', () => {
    const items = recv('<item affiliation="‸');
    expect(labels(items).slice(0, 5)).toEqual(['owner', 'admin', 'member', 'outcast', 'none']);
    expect(labels(items)).toContain('{scansion:any}');
    expect(labels(items)).toContain("${Romeo's full JID}");
    expect(labels(block('<item affiliation="‸'))).not.toContain('{scansion:any}');
  });
  it('offers attribute names inside a start tag, scansion:strict only when receiving', () => {
    expect(labels(block('<iq ‸'))).toEqual(['xmlns', 'to', 'from', 'type', 'id']);
    expect(labels(recv('<query ‸'))).toContain('scansion:strict');
    expect(labels(block('<iq type="get" ‸'))).not.toContain('type');
  });
  it('offers child elements of the open element, and its closing tag', () => {
    const items = block(
      '<presence to="r@c/n">\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<‸',
    );
    expect(labels(items)).toContain('<status>');
    expect(labels(items)).toContain('<item>');
    expect(labels(block('<presence>\n\t</‸'))).toEqual(['</presence>']);
  });
  it('works across lines: an attribute value opened on an earlier line', () => {
    const items = block('<iq type="set"\n\t\tid="a1" to="‸');
    expect(labels(items)).toContain("${Romeo's JID}");
  });
  it('offers nothing in XML comments and in text content mid-line', () => {
    expect(block('<!-- x ‸')).toEqual([]);
    expect(block('<body>hello wor‸')).toEqual([]);
  });
  it('uses parsed client names too', () => {
    const text = 'Ghost connects\n';
    const items = completionsAt(text, 2, 1, {
      diagnostics: [],
      script: {
        metadata: { description: [], tags: [] },
        clients: [
          {
            name: 'Ghost',
            className: 'Client',
            properties: {},
            range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
            nameRange: { line: 1, column: 1, endLine: 1, endColumn: 1 },
          },
        ],
        steps: [],
      },
    });
    expect(labels(items)).toEqual(['Ghost']);
  });
});

describe('completionsAt on the sample script', () => {
  it('never throws at any position', () => {
    const lines = splitLines(SAMPLE);
    for (let l = 1; l <= lines.length; l++) {
      for (let c = 1; c <= lines[l - 1].length + 1; c++) {
        expect(() => completionsAt(SAMPLE, l, c)).not.toThrow();
      }
    }
  });
});
