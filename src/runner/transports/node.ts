// The Node side of the XMPP transport: Node 20 has no global WebSocket, so `ws` is given to @xmpp/websocket
// (with an Origin header, as a browser would send); xmpp://host:port goes over TCP (@xmpp/tcp) as
// scansion does; SCRAM-SHA-1 is offered (the browser build of @xmpp drops it, so only Node has it).
// This file is the one place in src/runner allowed Node imports (see eslint.config.js).
import WebSocket from 'ws';
import tcp from '@xmpp/tcp';
import scramSha1 from '@xmpp/sasl-scram-sha-1';
import type { Transport } from '../transport';
import { createXmppTransport, type XmppTransportOptions } from './xmpp';

const DEFAULT_ORIGIN = 'http://localhost:5173';

export interface NodeTransportOptions extends Omit<XmppTransportOptions, 'WebSocket'> {
  /** The Origin header of the WebSocket handshake. */
  origin?: string;
}

export function createNodeTransport(url: string, options: NodeTransportOptions = {}): Transport {
  const origin = options.origin ?? DEFAULT_ORIGIN;
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { Origin: origin } });
    }
  }
  return createXmppTransport(url, {
    ...options,
    WebSocket: OriginWebSocket,
    connections: [tcp, ...(options.connections ?? [])],
    mechanisms: [scramSha1, ...(options.mechanisms ?? [])],
  });
}
