// The one place a session's connection ends, for TCP and WebSocket alike: ask for a graceful close (our
// `</stream:stream>`, then the socket), wait a bounded time, then destroy the socket whatever state it is
// in. A half-closed TCP socket whose peer never answers (a server that accepts and never speaks, or one
// that stopped reading after a large stanza, so our closing bytes never flush) would otherwise keep the
// process alive forever.

/** The parts of an @xmpp entity teardown touches. */
export interface Closable {
  /** Graceful close of stream and socket (@xmpp: `stop()`); may hang or reject. */
  stop(): Promise<unknown>;
  /** The current socket: a `net.Socket` (TCP) or @xmpp/websocket's wrapper around a WebSocket. */
  socket?: unknown;
}

interface DestroyableSocket {
  destroy?: () => void;
  on?: (event: 'error', listener: () => void) => void;
  /** @xmpp/websocket's wrapper keeps the WebSocket here (`ws` in Node, the DOM one in the page). */
  socket?: { terminate?: () => void; close?: () => void } | null;
}

/** Destroy a socket at once: TCP `destroy()`, `ws` `terminate()`, a DOM WebSocket `close()`. */
function destroySocket(socket: unknown): void {
  if (!socket || typeof socket !== 'object') return;
  const s = socket as DestroyableSocket;
  try {
    if (typeof s.destroy === 'function') {
      // @xmpp has detached its listeners: a late reset must not become an uncaught error.
      s.on?.('error', () => undefined);
      s.destroy();
      return;
    }
    const ws = s.socket;
    if (ws && typeof ws.terminate === 'function') ws.terminate();
    else if (ws && typeof ws.close === 'function') ws.close();
  } catch {
    // already gone
  }
}

/**
 * Close gracefully within `timeoutMs` (stream, then socket; @xmpp bounds each by its own timeout, but not
 * the write of our closing tag), then destroy the socket. Never rejects; resolves within about
 * 2 × timeoutMs + 100 ms.
 */
export async function teardown(entity: Closable, timeoutMs: number): Promise<void> {
  // @xmpp detaches the socket from the entity when its close times out: keep hold of it first.
  const socket = entity.socket;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs * 2 + 100);
  });
  try {
    await Promise.race([
      Promise.resolve()
        .then(() => entity.stop())
        .catch(() => undefined),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
  destroySocket(socket);
  if (entity.socket !== socket) destroySocket(entity.socket);
}
