// CORE-ERR-1 as a property: whatever clients send (random stanzas, odd addresses and types, bogus
// top-level elements), the core never throws, every send settles, and the server keeps answering.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Element } from 'ltx';
import { rig } from './testing';

const jids = [
  'localhost',
  'user@localhost',
  'juliet@localhost',
  'juliet@localhost/mobile',
  'juliet@localhost/nowhere',
  'room@conference.localhost',
  'room@conference.localhost/Nick',
  'conference.localhost',
  'pubsub.localhost',
  'x@secure.localhost',
  'someone@example.org',
  'a@b@c',
  '@localhost',
  'localhost/',
  '',
];

const child: fc.Arbitrary<Element> = fc
  .record({
    name: fc.constantFrom('query', 'ping', 'x', 'body', 'priority', 'subject', 'item', 'error'),
    xmlns: fc.constantFrom(
      undefined,
      'http://jabber.org/protocol/disco#info',
      'http://jabber.org/protocol/disco#items',
      'http://jabber.org/protocol/muc',
      'http://jabber.org/protocol/muc#owner',
      'http://jabber.org/protocol/muc#admin',
      'urn:xmpp:ping',
      'jabber:iq:roster',
      'jabber:iq:version',
      'vcard-temp:x:update',
    ),
    text: fc.option(fc.constantFrom('1', '-1', 'x', '', '200'), { nil: undefined }),
  })
  .map(({ name, xmlns, text }) => {
    const el = new Element(name, xmlns ? { xmlns } : {});
    if (text !== undefined) el.t(text);
    return el;
  });

const addr = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 5, arbitrary: fc.constantFrom(...jids) },
);
const pick = <T>(common: T[], rare: T[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...common) },
    { weight: 1, arbitrary: fc.constantFrom(...rare) },
  );

function build(name: string, attrs: Record<string, string | undefined>, children: Element[]): Element {
  const el = new Element(name, attrs);
  for (const c of children) el.cnode(c);
  return el;
}

const presence = fc
  .record({
    to: addr,
    type: pick([undefined, 'unavailable'], ['subscribe', 'probe', 'error', 'bogus']),
    priority: fc.option(fc.constantFrom('0', '-1', '5', 'x', '999'), { nil: undefined }),
    extra: fc.array(child, { maxLength: 2 }),
  })
  .map(({ to, type, priority, extra }) => {
    const kids = [...extra];
    if (priority !== undefined) kids.push(new Element('priority').t(priority));
    return build('presence', { to, type }, kids);
  });
const message = fc
  .record({
    to: addr,
    type: pick([undefined, 'chat', 'groupchat'], ['headline', 'normal', 'error', 'bogus']),
    id: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    extra: fc.array(child, { maxLength: 2 }),
  })
  .map(({ to, type, id, extra }) => build('message', { to, type, id }, extra));
const iq = fc
  .record({
    to: addr,
    type: pick(['get', 'set', 'result'], [undefined, 'error', 'bogus']),
    id: pick(['a', 'b'], [undefined]),
    payload: fc.array(child, { maxLength: 2 }),
  })
  .map(({ to, type, id, payload }) => build('iq', { to, type, id }, payload));
const junk = fc.constantFrom('foo', 'stream:features').map((n) => new Element(n));

const stanza = fc.record({
  el: fc.oneof(
    { weight: 4, arbitrary: presence },
    { weight: 4, arbitrary: message },
    { weight: 4, arbitrary: iq },
    { weight: 1, arbitrary: junk },
  ),
  sender: fc.nat(2),
});

describe('CORE-ERR-1 property: the core never throws and always settles', () => {
  it('random stanza sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stanza, { minLength: 1, maxLength: 25 }), async (steps) => {
        const r = rig();
        const clients = [
          await r.connect('user@localhost'),
          await r.connect('juliet@localhost', 'mobile'),
          await r.connect('juliet@localhost', 'laptop'),
        ];
        for (const { el, sender } of steps) {
          const c = clients[sender];
          if (!c.session || c.closed.length > 0) continue;
          await c.send(el);
        }
        await r.settled();
        const coreErrors = r.server.diagnostics.filter((d) => d.code === 'handler-exception');
        expect(coreErrors).toEqual([]);
        // still serving
        const probe = await r.connect('probe@localhost');
        await probe.send('<iq type="get" id="p" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>');
        expect(probe.take().map((s) => s.attrs.type)).toEqual(['result']);
      }),
      { numRuns: 300 },
    );
  });
});
