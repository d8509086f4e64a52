// Quick scale probe (mock-muc helper): N occupants join one room, one groupchat message fans out.
import { parse } from 'ltx';
import { createMockServer, createInProcessTransport } from '../../src/mock/index';
const N = Number(process.argv[2] ?? 1000);
const server = createMockServer();
const t = createInProcessTransport(server);
const t0 = performance.now();
const sessions = [];
let received = 0;
for (let i = 0; i < N; i++) {
  const s = await t.connect({ jid: `u${i}@localhost`, password: 'p', clientName: `u${i}` });
  s.onStanza(() => received++);
  await s.send(
    parse(
      `<presence to='bench@conference.localhost/u${i}'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    ) as never,
  );
  if (i === 0)
    await s.send(
      parse(
        `<iq type='set' id='c' to='bench@conference.localhost'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
      ) as never,
    );
  sessions.push(s);
}
await t.settled?.();
const t1 = performance.now();
const before = received;
await sessions[0].send(
  parse(`<message type='groupchat' to='bench@conference.localhost'><body>hi</body></message>`) as never,
);
await t.settled?.();
const t2 = performance.now();
console.log(
  `N=${N} joins ${(t1 - t0).toFixed(0)} ms (${before} stanzas), fan-out ${(t2 - t1).toFixed(1)} ms (${received - before} stanzas), heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
);
process.exit(0);
