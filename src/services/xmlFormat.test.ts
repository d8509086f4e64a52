import { describe, expect, it } from 'vitest';
import {
  locateCounterpartRange,
  locateMismatch,
  locateMismatchRange,
  parseMismatchPath,
  prettyXml,
} from './xmlFormat';

const EXPECTED = `<presence from="room@conference.localhost/Romeo">
  <x xmlns="http://jabber.org/protocol/muc#user">
    <item affiliation="owner" role="moderator"/>
    <status code="110"/>
    <status code="201"/>
  </x>
</presence>`;

describe('xml presentation', () => {
  it('pretty-prints well-formed XML and leaves anything else as it is', () => {
    expect(prettyXml('<a><b c="1"/></a>')).toBe('<a>\n  <b c="1"/>\n</a>');
    expect(prettyXml('<a><b></a>')).toBe('<a><b></a>');
  });

  it('parses mismatch paths', () => {
    expect(parseMismatchPath('/presence/x[1]/item[1]@role')).toEqual({
      segments: [{ name: 'presence' }, { name: 'x', index: 1 }, { name: 'item', index: 1 }],
      attr: 'role',
      text: false,
    });
    expect(parseMismatchPath('/message/body[1]/text()').text).toBe(true);
  });

  it('locates attributes, same-named siblings and missing children', () => {
    expect(locateMismatch(EXPECTED, '/presence/x[1]/item[1]@role')).toBe(3);
    expect(locateMismatch(EXPECTED, '/presence/x[1]/status[2]')).toBe(5);
    expect(locateMismatch(EXPECTED, '/presence@from')).toBe(1);
    // A child that is not in the expected XML marks its parent.
    expect(locateMismatch(EXPECTED, '/presence/x[1]/status[3]')).toBe(2);
  });

  it('gives the attribute columns, or the element name when the attribute is missing', () => {
    const r = locateMismatchRange(EXPECTED, '/presence/x[1]/item[1]@role');
    const line = EXPECTED.split('\n')[2];
    expect(line.slice(r!.column - 1, r!.endColumn - 1)).toBe('role="moderator"');
    const n = locateMismatchRange(EXPECTED, '/presence/x[1]/item[1]@nick');
    expect(line.slice(n!.column - 1, n!.endColumn - 1)).toBe('item');
  });

  it('finds the received counterpart by name and namespace, not by position', () => {
    const received = `<presence from="room@conference.localhost/Romeo">
  <x xmlns="vcard-temp:x:update">
    <photo/>
  </x>
  <x xmlns="http://jabber.org/protocol/muc#user">
    <status code="110"/>
    <item affiliation="owner" role="participant"/>
  </x>
</presence>`;
    const r = locateCounterpartRange(EXPECTED, received, '/presence/x[1]/item[1]@role');
    expect(r?.line).toBe(7);
    expect(received.split('\n')[6].slice(r!.column - 1, r!.endColumn - 1)).toBe('role="participant"');
  });
});
