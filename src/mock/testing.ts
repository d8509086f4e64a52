// Test harness for the mock core (used by *.test.ts only): clients on an in-process transport whose
// received stanzas are collected, sends that wait for the server to settle.
import { escapeXML, escapeXMLText, parse, type Element } from 'ltx';
import type { CloseReason, Session } from '../runner/transport';
import { createMockServer, createInProcessTransport } from './index';
import type { MockServer, MockServerOptions } from './server';
import { seededRandom } from './ids';

export interface TestClient {
  session: Session;
  jid: string;
  bare: string;
  received: Element[];
  closed: CloseReason[];
  /** Send XML (or an element) and wait until the server has nothing left to deliver. */
  send(xml: string | Element): Promise<void>;
  /** The stanzas received since the last take(), and forget them. */
  take(): Element[];
}

export interface TestRig {
  server: MockServer;
  connect(jid: string, resource?: string): Promise<TestClient>;
  settled(): Promise<void>;
}

export function rig(options: MockServerOptions = {}): TestRig {
  const server = createMockServer({ random: seededRandom(42), now: () => 0, ...options });
  const transport = createInProcessTransport(server);
  return {
    server,
    settled: () => server.settled(),
    async connect(jid, resource) {
      const session = await transport.connect({
        jid,
        password: 'password',
        resource,
        clientName: jid,
      });
      const received: Element[] = [];
      const closed: CloseReason[] = [];
      session.onStanza((s) => received.push(s));
      session.onClose((r) => closed.push(r));
      return {
        session,
        jid: session.jid,
        bare: session.jid.split('/')[0],
        received,
        closed,
        async send(xml) {
          await session.send(typeof xml === 'string' ? parse(xml) : xml);
          await server.settled();
        },
        take() {
          return received.splice(0, received.length);
        },
      };
    },
  };
}

/** A canonical form for comparing stanzas: attributes sorted, whitespace-only text dropped. */
export function canon(x: string | Element): string {
  const el = typeof x === 'string' ? parse(x) : x;
  const attrs = Object.keys(el.attrs)
    .filter((k) => el.attrs[k] !== undefined)
    .sort()
    .map((k) => ` ${k}="${escapeXML(String(el.attrs[k]))}"`)
    .join('');
  const children = el.children
    .map((c) => (typeof c === 'string' ? (c.trim() === '' ? '' : escapeXMLText(c)) : canon(c)))
    .join('');
  return children === '' ? `<${el.name}${attrs}/>` : `<${el.name}${attrs}>${children}</${el.name}>`;
}
