// The delivery policy (SPEC.md CORE-WIRE-2/3): how a routed stanza becomes what a session receives.
// Every recipient gets its own element shaped as received over WebSocket (xmlns='jabber:client' first),
// made one of three ways:
// - copy (the default): a deep copy of the routed element;
// - share (inside a component's broadcast): a fresh top-level element whose children are one frozen
//   copy shared by every recipient of the same element, since the component promised not to change them;
// - give: an element its sender built for this one send and gave up is delivered itself, once.
// Routing decides who receives a stanza; this decides only how.
import { Element, type Node } from 'ltx';
import { NS_CLIENT, copyElement, frozenChildren } from './stanza';
import type { SessionHandlers } from './types';

/** What delivery needs of a session. */
export interface Recipient {
  readonly open: boolean;
  readonly handlers: SessionHandlers;
}

export class Delivery {
  /** During a broadcast: each sent element's frozen, shared children. */
  private sharedChildren: Map<Element, Node[]> | undefined;
  /** The element given up by its sender while it is being routed. */
  private given: Element | undefined;

  /** `listenerFailed`: a session's listener threw (reported, never thrown on). */
  constructor(private readonly listenerFailed: (err: unknown) => void) {}

  /**
   * CORE-WIRE-2: run `fn`, a broadcast; every recipient of the same element shares its children.
   * Nested broadcasts share the outer cache; it is dropped when the outermost ends.
   */
  broadcast<T>(fn: () => T): T {
    if (this.sharedChildren) return fn();
    this.sharedChildren = new Map();
    try {
      return fn();
    } finally {
      this.sharedChildren = undefined;
    }
  }

  /** CORE-WIRE-3: route `stanza` with `route`; its first delivery may take it as is (later ones copy). */
  give(stanza: Element, route: (stanza: Element) => void): void {
    const prev = this.given;
    this.given = stanza;
    try {
      route(stanza);
    } finally {
      this.given = prev;
    }
  }

  /** Give a session its own element, shaped as received over WebSocket (xmlns first). */
  deliver(s: Recipient, stanza: Element): void {
    if (!s.open) return;
    this.hand(s, stanza === this.given && !this.sharedChildren ? this.takeGiven(stanza) : this.copy(stanza));
  }

  /** The given element itself, its attributes re-laid with xmlns first (as a copy would have them). */
  private takeGiven(stanza: Element): Element {
    this.given = undefined;
    const attrs: Record<string, string> = { xmlns: NS_CLIENT };
    const src = stanza.attrs;
    for (const k in src) {
      const v = src[k];
      if (k !== 'xmlns' && v !== undefined && v !== null) attrs[k] = v;
    }
    stanza.attrs = attrs;
    stanza.parent = null;
    return stanza;
  }

  private copy(stanza: Element): Element {
    const out = new Element(stanza.name);
    // xmlns first, then the stanza's attributes in order (a loop: object spread is slow on ltx's attrs).
    const attrs: Record<string, string> = { xmlns: NS_CLIENT };
    const src = stanza.attrs;
    for (const k in src) if (k !== 'xmlns') attrs[k] = src[k];
    out.attrs = attrs;
    const children = stanza.children;
    const outChildren = out.children;
    if (this.sharedChildren) {
      let kids = this.sharedChildren.get(stanza);
      if (!kids) this.sharedChildren.set(stanza, (kids = frozenChildren(stanza)));
      for (let i = 0; i < kids.length; i++) outChildren.push(kids[i]);
    } else
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (typeof child === 'string') outChildren.push(child);
        else {
          const c = copyElement(child);
          c.parent = out;
          outChildren.push(c);
        }
      }
    return out;
  }

  private hand(s: Recipient, out: Element): void {
    try {
      s.handlers.deliver(out);
    } catch (err) {
      this.listenerFailed(err);
    }
  }
}
