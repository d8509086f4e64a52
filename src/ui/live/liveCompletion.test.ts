import { describe, expect, it } from 'vitest';
import { applyCompletion, liveCompletions } from './liveCompletion';

describe('live composer completion', () => {
  it('offers the editor’s namespaces inside xmlns="…" and applies one at the caret', () => {
    const input =
      '<presence to="room@conference.localhost/Romeo">\n  <x xmlns="http://jabber.org/protocol/mu';
    const items = liveCompletions(input, input.length, 'Romeo');
    const muc = items.find((i) => i.text.startsWith('http://jabber.org/protocol/muc'));
    expect(muc).toBeDefined();
    const { text, caret } = applyCompletion(input, muc!);
    expect(text.startsWith(input.slice(0, input.lastIndexOf('"') + 1))).toBe(true);
    expect(text.slice(input.lastIndexOf('"') + 1, caret)).toBe(muc!.text);
  });

  it('offers stanza skeletons on an empty line, placeholders filled with defaults', () => {
    const items = liveCompletions('', 0, 'Juliet', 50);
    const join = items.find((i) => i.label === 'join a room');
    expect(join?.text).toContain('<presence to="room@conference.localhost/Juliet">');
    expect(join?.text).not.toMatch(/\$\{|\$0/);
  });

  it('offers status codes and nothing odd in plain text', () => {
    const input = '<presence><x xmlns="http://jabber.org/protocol/muc#user"><status code="11';
    expect(liveCompletions(input, input.length, 'Romeo').map((i) => i.text)).toContain('110');
    expect(liveCompletions('<body>hello wor', 15, 'Romeo')).toEqual([]);
  });
});
