// Minimal typings for the @xmpp 0.14 packages the transport composes (they ship none). Only what
// src/runner/transports uses is declared; everything is as the packages' own sources define it.
declare module '@xmpp/client-core' {
  import type { Element } from 'ltx';
  export class Client {
    on(event: string, listener: (...args: never[]) => void): this;
    constructor(options: { service: string; domain: string; lang?: string; timeout?: number });
    status: string;
    jid: { toString(): string } | null;
    transports: unknown[];
    socket: unknown;
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    disconnect(): Promise<unknown>;
    send(element: Element): Promise<void>;
    isSecure(): boolean;
    /** @xmpp/connection: socket data in (bound to the socket's 'data' event when attached). */
    _onData(data: unknown): void;
    /** @xmpp/connection: one parsed top-level element: emits 'element', then 'stanza' or 'nonza'. */
    _onElement(element: Element): void;
    isStanza(element: Element): boolean;
    emit(event: string, ...args: unknown[]): boolean;
  }
}
declare module '@xmpp/websocket' {
  export default function websocket(args: { entity: unknown }): void;
}
declare module '@xmpp/websocket/lib/Connection.js' {
  export default class ConnectionWebSocket {
    constructor(...args: unknown[]);
    Socket: unknown;
  }
}
declare module '@xmpp/websocket/lib/Socket.js' {
  export default class Socket {
    url: string | null;
    secure: boolean;
    connect(url: string): void;
    _attachSocket(socket: unknown): void;
  }
  export function isSecure(url: string): boolean;
}
declare module '@xmpp/tcp' {
  export default function tcp(args: { entity: unknown }): void;
}
declare module '@xmpp/middleware' {
  export default function middleware(args: { entity: unknown }): unknown;
}
declare module '@xmpp/stream-features' {
  export default function streamFeatures(args: { middleware: unknown }): unknown;
}
declare module '@xmpp/iq/caller.js' {
  export default function iqCaller(args: { middleware: unknown; entity: unknown }): unknown;
}
declare module '@xmpp/sasl' {
  export default function sasl(
    args: { streamFeatures: unknown; saslFactory: unknown },
    onAuthenticate: (
      done: (credentials: Record<string, unknown>, mechanism: string) => Promise<void>,
      mechanisms: string[],
      fast: unknown,
      entity: unknown,
    ) => Promise<void>,
  ): void;
}
declare module '@xmpp/sasl-plain' {
  export default function plain(factory: unknown): void;
}
declare module '@xmpp/sasl-scram-sha-1' {
  export default function scramSha1(factory: unknown): void;
}
declare module '@xmpp/resource-binding' {
  export default function resourceBinding(
    args: { streamFeatures: unknown; iqCaller: unknown },
    resource?: string,
  ): void;
}
declare module 'saslmechanisms' {
  export default class SASLFactory {
    use(mech: unknown): this;
  }
}
// Used only by bench/runner.ts, as the plain-client baseline the runner is measured against.
declare module '@xmpp/client' {
  import type { Element } from 'ltx';
  export function client(options: {
    service: string;
    domain?: string;
    username?: string;
    password?: string;
    resource?: string;
  }): {
    status: string;
    on(event: string, listener: (...args: never[]) => void): void;
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
  };
}
