// A Transport wrapper that lets the worker's event loop breathe: on the in-process mock a whole run is
// one chain of microtasks, so without a pause the worker would read no message from the page (pause,
// stop, a ping) until the run ends. After `sliceMs` of work, the next settled() or inspect() (the
// runner calls one or the other at every step) waits one macrotask turn first; the page's intents then
// act within a step, and the worker's batched events leave on time.
import type { Transport } from '../runner';

export interface SliceOptions {
  now: () => number;
  /** One macrotask turn (a MessageChannel hop in a browser, a zero timeout in Node). */
  turn: () => Promise<void>;
  /** Work between two turns (ms). */
  sliceMs: number;
}

export function slicedTransport(inner: Transport, o: SliceOptions): Transport {
  let sliceStart = o.now();
  const breathe = async (): Promise<void> => {
    if (o.now() - sliceStart < o.sliceMs) return;
    await o.turn();
    sliceStart = o.now();
  };
  const out: Transport = {
    label: inner.label,
    connect: (options) => inner.connect(options),
  };
  if (inner.settled) {
    const settled = inner.settled.bind(inner);
    out.settled = async () => {
      await settled();
      await breathe();
    };
  }
  if (inner.inspect) {
    const inspect = inner.inspect.bind(inner);
    out.inspect = async () => {
      const snapshot = await inspect();
      await breathe();
      return snapshot;
    };
  }
  if (inner.dispose) out.dispose = inner.dispose.bind(inner);
  return out;
}
