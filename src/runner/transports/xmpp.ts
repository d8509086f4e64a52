// A Transport to a real XMPP server over WebSocket (RFC 7395), on the @xmpp 0.14 packages, for the page
// and Node alike. Node adds a WebSocket implementation, TCP and SCRAM through `options` (see node.ts).
//
// Why not `@xmpp/client`: its `client()` also wires reconnect (hides a dropped server), iqCallee (answers
// pings and every unhandled iq get/set with service-unavailable: stanzas the script never sent) and stream
// management. A test runner must send exactly what the script says, so the session is composed here from
// @xmpp/client-core + @xmpp/websocket (+ @xmpp/tcp) + @xmpp/sasl + mechanisms + @xmpp/resource-binding,
// with only an iq *caller* (for the bind request; it consumes nothing but its own reply).
//
// Stanzas are delivered to the runner only once the session is online: the bind result arrives as a
// stanza before `online` and must not be the first thing a script `receives:`.
import { clone, type Element } from 'ltx';
import { Client } from '@xmpp/client-core';
import ConnectionWebSocket from '@xmpp/websocket/lib/Connection.js';
import WsSocket, { isSecure } from '@xmpp/websocket/lib/Socket.js';
import middleware from '@xmpp/middleware';
import streamFeatures from '@xmpp/stream-features';
import iqCaller from '@xmpp/iq/caller.js';
import sasl from '@xmpp/sasl';
import saslPlain from '@xmpp/sasl-plain';
import resourceBinding from '@xmpp/resource-binding';
import SASLFactory from 'saslmechanisms';
import {
  TransportError,
  type CloseReason,
  type ConnectOptions,
  type Session,
  type Transport,
} from '../transport';
import { teardown } from './teardown';

/** Anything constructible like the DOM WebSocket (`ws` in Node). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

export interface XmppTransportOptions {
  /** WebSocket implementation; defaults to the global one (browsers, Node >= 22). */
  WebSocket?: WebSocketConstructor;
  /** More @xmpp connection plugins, e.g. @xmpp/tcp in Node for xmpp://host:port. */
  connections?: Array<(args: { entity: unknown }) => void>;
  /** SASL mechanism plugins in order of preference; PLAIN is always available last. */
  mechanisms?: Array<(factory: unknown) => void>;
  /** Give up opening a session after this long (socket, SASL, bind). Default 10 s. */
  connectTimeoutMs?: number;
  /** How long a graceful close may wait for the server's closing stream. Default 2 s. */
  closeTimeoutMs?: number;
}

/**
 * The @xmpp Client, hardened against data arriving after the stream parser is gone. @xmpp/connection's
 * `_onData` writes to `this.parser` unconditionally, but the parser is detached when the stream closes (our
 * `</stream:stream>`, the server's, a parse error) while the socket may still deliver frames the server sent
 * before it saw our close (e.g. MUC fan-out to an occupant that is leaving). That surfaced as an uncaught
 * `TypeError: Cannot read properties of null (reading 'write')` from a WebSocket event handler, which kills
 * Node and reports an error in the page. After the stream closed, nothing more is a stanza of this session:
 * such data is dropped. `_onData` is bound when the socket is attached, so the override is what runs.
 */
class SafeClient extends Client {
  override _onData(data: unknown): void {
    if (!(this as unknown as { parser: unknown }).parser) return;
    try {
      super._onData(data);
    } catch (err) {
      // A throw from a socket event handler is uncaught: report it as the entity's error instead.
      this.emit('error', err);
    }
  }

  /**
   * @xmpp/middleware's 'element' listener reads the `from` and `to` of every incoming element as JIDs, and
   * @xmpp/jid throws on some a server sends back as they were written: Prosody answers a stanza sent to
   * `a@` with a jid-malformed error `from='a@'`. The throw skipped the 'stanza' event (the error never
   * reached the script) and left the session deaf to everything after it. Such a stanza is the session's
   * like any other: it is delivered, and the session goes on. Sending to such an address is `emit` below.
   */
  override _onElement(element: Element): void {
    this.stanzaEmitted = false;
    try {
      super._onElement(element);
    } catch (err) {
      // A throw after the stanza went out is someone else's (reported as before, by _onData).
      if (this.stanzaEmitted || !this.isStanza(element)) throw err;
      this.emit('stanza', element);
    }
  }

  private stanzaEmitted = false;

  override emit(event: string, ...args: unknown[]): boolean {
    if (event === 'stanza') this.stanzaEmitted = true;
    if (event !== 'send') return super.emit(event, ...args);
    // 'send' comes after the stanza was written: @xmpp/middleware's outgoing listener reading `to='a@'`
    // must not turn a stanza already on the wire into a failed send.
    try {
      return super.emit(event, ...args);
    } catch {
      return true;
    }
  }
}

type Entity = InstanceType<typeof Client>;

/** The mechanisms we prefer when the server offers several (strongest first). */
const MECHANISM_PREFERENCE = ['SCRAM-SHA-1', 'PLAIN'];

function splitJid(jid: string): { local: string; domain: string; resource?: string } {
  const slash = jid.indexOf('/');
  const bare = slash === -1 ? jid : jid.slice(0, slash);
  const resource = slash === -1 ? undefined : jid.slice(slash + 1);
  const at = bare.indexOf('@');
  return {
    local: at === -1 ? '' : bare.slice(0, at),
    domain: at === -1 ? bare : bare.slice(at + 1),
    resource,
  };
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (err && typeof err === 'object' && 'message' in err) return String(err.message);
  return String(err);
}

/** Turn whatever @xmpp emitted while opening a session into a TransportError a person can act on. */
function classify(err: unknown, url: string, jid: string, online: boolean): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { name?: string; condition?: string; text?: string; code?: string; errno?: string };
  if (e?.name === 'SASLError') {
    const detail = e.text ? ` (${e.text})` : '';
    return new TransportError(
      'auth-failed',
      `authentication failed for ${jid}: ${e.condition ?? 'failure'}${detail}`,
    );
  }
  if (e?.name === 'StreamError') {
    const detail = e.text ? ` (${e.text})` : '';
    return new TransportError('protocol', `the server sent a stream error: ${e.condition}${detail}`);
  }
  if (e?.name === 'StanzaError' && !online) {
    return new TransportError('bind-failed', `resource binding failed for ${jid}: ${e.condition}`);
  }
  if (e?.name === 'TimeoutError') {
    return new TransportError('timeout', `no answer from ${url} while opening a session for ${jid}`);
  }
  return new TransportError(
    'connection-refused',
    refusedMessage(url, e?.code ?? e?.errno, errorMessage(err)),
  );
}

/**
 * A refused connection in one sentence with the URL once (the socket's own message often repeats it,
 * as "WebSocket ECONNERROR ws://…"), and the cause when it says more than "refused".
 */
export function refusedMessage(url: string, code: string | number | undefined, detail: string): string {
  const text = `${detail} ${code ?? ''}`;
  const cleaned = detail.split(url).join('').replace(/\s+/g, ' ').trim();
  let cause: string;
  if (/\bECONNREFUSED\b/.test(text)) cause = 'connection refused (ECONNREFUSED)';
  else if (/\bECONNERROR\b/.test(text) || !cleaned) cause = 'no server answered (ECONNERROR)';
  else cause = code && !cleaned.includes(String(code)) ? `${code}: ${cleaned}` : cleaned;
  return `cannot connect to ${url}: ${cause}`;
}

/** A ConnectionWebSocket whose socket is built with the given WebSocket implementation. */
function webSocketConnection(WebSocketImpl: WebSocketConstructor): unknown {
  class InjectedSocket extends WsSocket {
    override connect(url: string): void {
      this.url = url;
      this.secure = isSecure(url);
      this._attachSocket(new WebSocketImpl(url, ['xmpp']));
    }
  }
  class Connection extends ConnectionWebSocket {}
  Connection.prototype.Socket = InjectedSocket;
  return Connection;
}

class XmppSession implements Session {
  private readonly stanzaListeners: Array<(stanza: Element) => void> = [];
  private readonly closeListeners: Array<(reason: CloseReason) => void> = [];
  /** Stanzas that arrived online before anyone listened. */
  private backlog: Element[] = [];
  private ended: CloseReason | undefined;
  private closing: Promise<void> | undefined;

  /** We asked for the close: the stream ending is then no news. */
  get closeRequested(): boolean {
    return this.closing !== undefined;
  }

  constructor(
    readonly jid: string,
    private readonly entity: Entity,
    private readonly closeTimeoutMs: number,
  ) {}

  /** Called by the transport for every stanza received while online. */
  deliver(stanza: Element): void {
    if (this.ended) return;
    if (this.stanzaListeners.length === 0) {
      this.backlog.push(stanza);
      return;
    }
    for (const l of this.stanzaListeners) l(stanza);
  }

  /** Called once when the stream or socket ends. */
  end(reason: CloseReason): void {
    if (this.ended) return;
    this.ended = reason;
    for (const l of this.closeListeners) l(reason);
  }

  async send(stanza: Element): Promise<void> {
    if (this.ended || this.closing) {
      throw new TransportError('closed', `cannot send: the session of ${this.jid} is closed`);
    }
    // @xmpp sets `parent` and, over WebSocket, the jabber:client xmlns (RFC 7395 §3.3.3) on what it
    // sends: give it a copy so the caller's element stays as written.
    try {
      await this.entity.send(clone(stanza) as Element);
    } catch (err) {
      throw new TransportError('closed', `cannot send for ${this.jid}: ${errorMessage(err)}`);
    }
  }

  onStanza(listener: (stanza: Element) => void): void {
    this.stanzaListeners.push(listener);
    if (this.backlog.length > 0) {
      const held = this.backlog;
      this.backlog = [];
      for (const s of held) listener(s);
    }
  }

  onClose(listener: (reason: CloseReason) => void): void {
    this.closeListeners.push(listener);
    if (this.ended) listener(this.ended);
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.ended) return (this.closing = Promise.resolve());
    this.closing = teardown(this.entity, this.closeTimeoutMs).then(() => this.end({ kind: 'requested' }));
    return this.closing;
  }
}

export function createXmppTransport(url: string, options: XmppTransportOptions = {}): Transport {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2_000;
  const WebSocketImpl =
    options.WebSocket ??
    ((globalThis as { WebSocket?: WebSocketConstructor }).WebSocket as WebSocketConstructor | undefined);
  const sessions = new Set<XmppSession>();

  async function connect(opts: ConnectOptions): Promise<Session> {
    const { local, domain, resource: jidResource } = splitJid(opts.jid);
    const resource = opts.resource ?? jidResource;
    let service = url;
    if (/^xmpp:\/\//.test(url) && opts.connectHost) {
      service = `xmpp://${opts.connectHost}:${opts.connectPort ?? 5222}`;
    }
    if (/^wss?:\/\//.test(service) && !WebSocketImpl) {
      throw new TransportError(
        'connection-refused',
        `cannot connect to ${service}: no WebSocket implementation here (Node needs createNodeTransport)`,
      );
    }

    const entity = new SafeClient({ service, domain, timeout: closeTimeoutMs });
    if (WebSocketImpl) entity.transports.push(webSocketConnection(WebSocketImpl));
    for (const c of options.connections ?? []) c({ entity });

    const mw = middleware({ entity });
    const features = streamFeatures({ middleware: mw });
    const caller = iqCaller({ middleware: mw, entity });
    const factory = new SASLFactory();
    for (const m of options.mechanisms ?? []) m(factory);
    saslPlain(factory);
    sasl({ streamFeatures: features, saslFactory: factory }, async (done, offered) => {
      const mechanism = MECHANISM_PREFERENCE.find((m) => offered.includes(m)) ?? offered[0];
      await done({ username: local, password: opts.password }, mechanism);
    });
    resourceBinding({ streamFeatures: features, iqCaller: caller }, resource);

    let session: XmppSession | undefined;
    let streamError: { condition: string; text?: string } | undefined;

    return new Promise<Session>((resolve, reject) => {
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(classify(err, service, opts.jid, false));
        void teardown(entity, Math.min(closeTimeoutMs, 500));
      };
      const timer = setTimeout(
        () =>
          fail(
            new TransportError(
              'timeout',
              `no session for ${opts.jid} at ${service} after ${connectTimeoutMs} ms`,
            ),
          ),
        connectTimeoutMs,
      );

      // An EventEmitter without an 'error' listener throws: every error is handled here.
      entity.on('error', (err: unknown) => {
        const e = err as { name?: string; condition?: string; text?: string };
        if (e?.name === 'StreamError')
          streamError = { condition: e.condition ?? 'undefined-condition', text: e.text || undefined };
        if (!session) fail(err);
      });
      if (opts.onTraffic) {
        const onTraffic = opts.onTraffic;
        entity.on('element', (el: unknown) => onTraffic('in', String(el)));
        entity.on('send', (el: unknown) => onTraffic('out', String(el)));
        entity.on('status', (status: unknown, arg: unknown) => {
          if (status === 'open' && arg) onTraffic('in', String(arg).replace(/\/>$/, '>'));
          else if (status === 'opening' || status === 'closing')
            onTraffic('out', `<!-- stream ${status} -->`);
        });
      }
      entity.on('stanza', (stanza: Element) => {
        if (session && entity.status === 'online') session.deliver(stanza);
      });
      const ended = () => {
        if (!session) {
          fail(
            streamError
              ? Object.assign(new Error(streamError.condition), { name: 'StreamError', ...streamError })
              : new TransportError(
                  'closed',
                  `${service} closed the connection while opening a session for ${opts.jid}`,
                ),
          );
          return;
        }
        sessions.delete(session);
        session.end(
          session.closeRequested
            ? { kind: 'requested' }
            : streamError
              ? { kind: 'stream-error', ...streamError }
              : { kind: 'dropped', message: `${service} closed the connection of ${session.jid}` },
        );
      };
      entity.on('close', ended);
      entity.on('disconnect', ended);
      entity.on('online', (jid: { toString(): string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        session = new XmppSession(String(jid), entity, closeTimeoutMs);
        sessions.add(session);
        resolve(session);
      });
      entity.start().catch(fail);
    });
  }

  return {
    label: url,
    connect,
    async dispose() {
      await Promise.all([...sessions].map((s) => s.close()));
      sessions.clear();
    },
  };
}
