import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { createNodeTransport } from '../runner/transports/node';
import { needs, startTestProsody, type TestProsody } from '../../tests/conformance-prosody';
import { createLiveSession, LiveError, parseTyped, type LiveEntry } from './liveSession';
import { maskCredentials } from './liveMask';

const ROMEO = { name: 'Romeo', jid: 'romeo@localhost', password: 'secret-pw' };
const JOIN = `<presence to='hall@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`;

describe('parseTyped', () => {
  it('gives a located error for bad XML, and refuses none or several stanzas', () => {
    expect(() => parseTyped('<message>\n  <body>hi</bdy>\n</message>')).toThrow(/^2:\d+: /);
    try {
      parseTyped('<message>\n  <body>hi</bdy>\n</message>');
    } catch (e) {
      expect(e).toBeInstanceOf(LiveError);
      expect((e as LiveError).line).toBe(2);
    }
    expect(() => parseTyped('   ')).toThrow('nothing to send');
    expect(() => parseTyped('<a/><b/>')).toThrow('one stanza at a time (got 2)');
    expect(parseTyped("<iq type='get' id='1'/>").attrs.id).toBe('1');
  });
});

describe('maskCredentials', () => {
  it('masks SASL payloads the client sends and legacy passwords, nothing else', () => {
    const plain =
      "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AHJvbWVvAHNlY3JldA==</auth>";
    expect(maskCredentials(plain)).toBe(
      "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>••••••••</auth>",
    );
    const resp = '<response xmlns="urn:ietf:params:xml:ns:xmpp-sasl">Yz1iaXdz</response>';
    expect(maskCredentials(resp)).toBe(
      '<response xmlns="urn:ietf:params:xml:ns:xmpp-sasl">••••••••</response>',
    );
    expect(maskCredentials('<query><password>pw</password></query>')).toBe(
      '<query><password>••••••••</password></query>',
    );
    const body = '<message><body>AHJvbWVv</body></message>';
    expect(maskCredentials(body)).toBe(body);
  });
});

describe('live session on the mock', () => {
  it('logs and transcribes connects, sends, receives, quiet points and disconnects', async () => {
    const log: LiveEntry[] = [];
    const live = createLiveSession({ transport: createInProcessTransport(), onEntry: (e) => log.push(e) });
    const full = await live.connect(ROMEO);
    expect(full).toMatch(/^romeo@localhost\/.+/);
    await live.send('Romeo', JOIN);
    await live.idle();
    live.markQuiet('Romeo');
    await live.disconnect('Romeo');
    const t = live.transcript('t');
    expect(t.clients).toEqual([{ name: 'Romeo', jid: 'romeo@localhost', password: 'secret-pw' }]);
    expect(t.entries.map((e) => e.kind)).toEqual([
      'connect',
      'send',
      'receive',
      'receive',
      'quiet',
      'disconnect',
    ]);
    expect(t.entries[1]).toEqual({ kind: 'send', client: 'Romeo', xml: JOIN });
    expect(log.some((e) => e.kind === 'in' && e.text.includes('status code="110"'))).toBe(true);
    expect(log.filter((e) => e.kind === 'stream').map((e) => e.text)).toContain(`online as ${full}`);
    await live.dispose();
  });

  it('refuses bad input with a clear error and keeps the session usable', async () => {
    const live = createLiveSession({ transport: createInProcessTransport() });
    await expect(live.send('Romeo', '<presence/>')).rejects.toThrow('Romeo is not connected');
    await expect(live.connect({ ...ROMEO, jid: 'not a jid' })).rejects.toThrow('is not a JID');
    await live.connect(ROMEO);
    await expect(live.connect(ROMEO)).rejects.toThrow('already connected');
    await expect(live.send('Romeo', '<presence')).rejects.toBeInstanceOf(LiveError);
    expect(live.transcript().entries.map((e) => e.kind)).toEqual(['connect']);
    await live.send('Romeo', '<presence/>');
    expect(live.transcript().entries.map((e) => e.kind)).toContain('send');
    await live.dispose();
  });
});

const haveProsody = needs('live session on Prosody', { prosody: true });

describe.skipIf(!haveProsody)('live session on Prosody', () => {
  let prosody: TestProsody;
  beforeAll(async () => {
    prosody = await startTestProsody('live-session');
  }, 30_000);
  afterAll(() => prosody?.stop(), 30_000);

  it('shows authentication and binding with the password masked', async () => {
    const log: LiveEntry[] = [];
    const live = createLiveSession({
      transport: createNodeTransport(prosody.wsUrl),
      onEntry: (e) => log.push(e),
    });
    await live.connect(ROMEO);
    await live.disconnect('Romeo');
    await live.dispose();
    const raw = log.filter((e) => e.raw).map((e) => e.text);
    const auth = raw.find((t) => t.startsWith('<auth'));
    expect(auth).toMatch(/mechanism=.(SCRAM-SHA-1|PLAIN)/);
    expect(auth).toContain('••••••••');
    expect(raw.some((t) => t.includes('urn:ietf:params:xml:ns:xmpp-bind'))).toBe(true);
    expect(raw.some((t) => t.includes('<success'))).toBe(true);
    // Neither the password nor its base64 (PLAIN) shows anywhere in the console.
    const all = log.map((e) => e.text).join('\n');
    expect(all).not.toContain('secret-pw');
    expect(all).not.toContain(Buffer.from('\0romeo\0secret-pw').toString('base64'));
  });
});
