// Faults planted in the mock to show the fuzzer finds them: the MUC wrapped so that what it sends is
// changed in one way (e.g. a status code missing), as a mutant of the MUC would.
import type { Element } from 'ltx';
import type { Component, ComponentContext } from '../../../src/mock/component';
import type { InProcessTransport } from '../../../src/mock/inProcess';
import { fuzzMock } from './admins';

type Mutate = (stanza: Element) => void;

function dropStatus(code: string): Mutate {
  return (s) => {
    for (const x of s.getChildren('x', 'http://jabber.org/protocol/muc#user')) {
      x.children = x.children.filter(
        (c) => typeof c === 'string' || !(c.name === 'status' && c.attrs.code === code),
      );
    }
  };
}

export const PLANTS: Record<string, Mutate> = {
  /** Kick (307) presence without its status code. */
  'missing-307': dropStatus('307'),
  /** Room creation (201) without its status code. */
  'missing-201': dropStatus('201'),
  /** Nick change (303) without its status code. */
  'missing-303': dropStatus('303'),
};

function planted(inner: Component, mutate: Mutate): Component {
  const wrap = (ctx: ComponentContext): ComponentContext => ({
    ...ctx,
    send: (s) => {
      mutate(s);
      ctx.send(s);
    },
    give: (s) => {
      mutate(s);
      (ctx.give ?? ctx.send)(s);
    },
    broadcast: undefined,
  });
  return {
    domain: inner.domain,
    handle: (stanza, ctx) => inner.handle(stanza, wrap(ctx)),
    reset: () => inner.reset?.(),
    inspect: () => inner.inspect?.() ?? [],
  };
}

/** A fresh mock for a flow whose MUC admins are `admins` (admins.ts), with the fault planted if any. */
export function mockWithFault(plant: string | undefined, admins: string[] = []): InProcessTransport {
  return fuzzMock(admins, plant === undefined ? undefined : (muc) => planted(muc, PLANTS[plant]));
}
