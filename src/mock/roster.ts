// Rosters (RFC 6121 §2) as Prosody 0.12's mod_roster keeps them: get (with versioning), set (add,
// update, remove) and roster pushes to the resources that asked for the roster (CORE-ROSTER-*).
// Subscriptions between users are not modelled (CORE-PRES-10): an item's subscription becomes 'to' only
// when the server itself approves a request to it (CORE-SUB-7), and goes back to 'none' on unsubscribe.
import { Element } from 'ltx';
import { parseJid, bareOf } from './jid';
import { errorReply, firstChildElement, iqResult, childElements } from './stanza';

export const NS_ROSTER = 'jabber:iq:roster';

interface RosterItem {
  jid: string;
  name?: string;
  groups: string[];
  /** A subscription request we sent and nobody answered (RFC 6121 §3.1.2). */
  ask?: 'subscribe';
  /** 'to' once the contact approved our request (only the server does: CORE-SUB-7). */
  subscription?: 'to';
}

interface Roster {
  /** 0 until the first change; reported as at least 1, as Prosody does. */
  version: number;
  items: Map<string, RosterItem>;
}

export type RosterOutcome = {
  reply: Element;
  /** The changed item, to push to every interested resource (after the reply). */
  push?: Element;
};

export class Rosters {
  private readonly byUser = new Map<string, Roster>();

  clear(): void {
    this.byUser.clear();
  }

  private rosterOf(bare: string): Roster {
    let r = this.byUser.get(bare);
    if (!r) {
      r = { version: 0, items: new Map() };
      this.byUser.set(bare, r);
    }
    return r;
  }

  private ver(r: Roster): string {
    return String(Math.max(1, r.version));
  }

  /**
   * CORE-SUB-1: `bare` sent a subscription request to `contact`: the item gets ask='subscribe' (created
   * if missing; the version moves only when something changed) and is pushed again either way.
   */
  markAsk(bare: string, contact: string): Element {
    const roster = this.rosterOf(bare);
    let item = roster.items.get(contact);
    // Already subscribed (CORE-SUB-7): nothing to ask.
    if (!item || (item.ask !== 'subscribe' && item.subscription !== 'to')) {
      item = { ...(item ?? { jid: contact, groups: [] }), ask: 'subscribe' };
      roster.items.set(contact, item);
      roster.version++;
    }
    return pushElement(this.ver(roster), itemElement(item));
  }

  /** CORE-SUB-5: the contacts `bare` asked for a subscription (items with ask='subscribe'), in roster order. */
  asked(bare: string): string[] {
    return [...(this.byUser.get(bare)?.items.values() ?? [])].filter((i) => i.ask).map((i) => i.jid);
  }

  /**
   * CORE-SUB-7: `contact` approved `bare`'s pending request (ask='subscribe'): subscription 'to', ask
   * gone; the push, or undefined when no request was pending (Prosody then ignores the approval).
   */
  approve(bare: string, contact: string): Element | undefined {
    const roster = this.rosterOf(bare);
    const item = roster.items.get(contact);
    if (!item?.ask) return undefined;
    const next: RosterItem = { ...item, subscription: 'to' };
    delete next.ask;
    roster.items.set(contact, next);
    roster.version++;
    return pushElement(this.ver(roster), itemElement(next));
  }

  /**
   * CORE-SUB-7: `bare` cancels its subscription (or request) to `contact`: the push (of the item as it
   * is when nothing changed), or undefined when there is no such item.
   */
  unsubscribe(bare: string, contact: string): Element | undefined {
    const roster = this.rosterOf(bare);
    const item = roster.items.get(contact);
    if (!item) return undefined;
    if (item.subscription === undefined && !item.ask) return pushElement(this.ver(roster), itemElement(item));
    const next: RosterItem = { jid: item.jid, groups: item.groups };
    if (item.name !== undefined) next.name = item.name;
    roster.items.set(contact, next);
    roster.version++;
    return pushElement(this.ver(roster), itemElement(next));
  }

  /** CORE-SUB-7: the contacts whose presence `bare` is subscribed to, in roster order. */
  subscribedTo(bare: string): string[] {
    return [...(this.byUser.get(bare)?.items.values() ?? [])]
      .filter((i) => i.subscription === 'to')
      .map((i) => i.jid);
  }

  /** An iq get/set of jabber:iq:roster from `bare`'s own session. */
  handle(iq: Element, bare: string): RosterOutcome {
    const query = firstChildElement(iq)!;
    const roster = this.rosterOf(bare);
    if (iq.attrs.type === 'get') {
      // CORE-ROSTER-1 (RFC 6121 §2.6.3: an up-to-date version gets an empty result)
      if (query.attrs.ver !== undefined && query.attrs.ver === this.ver(roster)) {
        return { reply: iqResult(iq) };
      }
      const reply = iqResult(iq);
      const q = reply.c('query', { xmlns: NS_ROSTER, ver: this.ver(roster) });
      for (const item of roster.items.values()) q.cnode(itemElement(item));
      return { reply };
    }
    // CORE-ROSTER-2: a set holds exactly one item with a valid JID that is not the user's own.
    const items = childElements(query).filter((c) => c.name === 'item');
    if (items.length !== 1) return { reply: errorReply(iq, 'modify', 'bad-request') };
    const el = items[0];
    const jid = parseJid(el.attrs.jid ?? '');
    if (!jid) return { reply: errorReply(iq, 'modify', 'bad-request') };
    const key = jid.resource === undefined ? bareOf(jid) : `${bareOf(jid)}/${jid.resource}`;
    if (key === bare) return { reply: errorReply(iq, 'cancel', 'not-allowed') };
    if (el.attrs.subscription === 'remove') {
      // CORE-ROSTER-3
      if (!roster.items.has(key)) return { reply: errorReply(iq, 'modify', 'item-not-found') };
      roster.items.delete(key);
      roster.version++;
      return {
        reply: iqResult(iq),
        push: pushElement(this.ver(roster), new Element('item', { jid: key, subscription: 'remove' })),
      };
    }
    // CORE-ROSTER-4: add or replace (name and groups as sent; a subscription attribute is ignored).
    const item: RosterItem = {
      jid: key,
      groups: el.getChildren('group').map((g) => g.getText()),
    };
    if (el.attrs.name !== undefined) item.name = el.attrs.name;
    const before = roster.items.get(key);
    if (before?.ask) item.ask = before.ask;
    if (before?.subscription) item.subscription = before.subscription;
    roster.items.set(key, item);
    roster.version++;
    return { reply: iqResult(iq), push: pushElement(this.ver(roster), itemElement(item)) };
  }
}

function itemElement(item: RosterItem): Element {
  const attrs: Record<string, string> = { jid: item.jid, subscription: item.subscription ?? 'none' };
  if (item.ask) attrs.ask = item.ask;
  if (item.name !== undefined) attrs.name = item.name;
  const el = new Element('item', attrs);
  for (const g of item.groups) el.c('group').t(g);
  return el;
}

/** A roster push (RFC 6121 §2.1.6); the server adds the id. */
function pushElement(ver: string, item: Element): Element {
  const iq = new Element('iq', { type: 'set' });
  iq.c('query', { xmlns: NS_ROSTER, ver }).cnode(item);
  return iq;
}
