// Message archives of accounts as Prosody's mod_mam keeps them with the corpus config
// (`mam_smart_enable = true`, memory storage): an account archives nothing until one of its sessions
// asks for its archive (the form or a query); from then on, messages to it that mod_mam stores are
// kept and carry `<stanza-id by='account'>` (CORE-IQ-18).
import { Element } from 'ltx';
import { mamFormReply } from './muc/mam';
import { childElements, copyElement, errorReply, iqResult } from './stanza';

export const NS_MAM = 'urn:xmpp:mam:2';
const NS_SID = 'urn:xmpp:sid:0';
const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_DELAY = 'urn:xmpp:delay';
const DEFAULT_MAX = 20;
const MAX_MAX = 50;

interface Entry {
  id: string;
  stanza: Element;
  with: string;
  stamp: string;
}

const child = (el: Element, name: string, xmlns?: string) =>
  childElements(el).find((c) => c.name === name && (xmlns === undefined || c.attrs.xmlns === xmlns));

/** mod_mam's should_store: which messages are archived (type, hints, payloads). */
export function shouldStore(m: Element): boolean {
  const t = m.attrs.type ?? 'normal';
  if (t === 'headline' || t === 'groupchat') return false;
  if (t === 'error') return /\//.test(String(m.attrs.to ?? ''));
  if (child(m, 'no-store', 'urn:xmpp:hints') || child(m, 'no-permanent-store', 'urn:xmpp:hints'))
    return false;
  if (child(m, 'store', 'urn:xmpp:hints') || child(m, 'body') || child(m, 'subject')) return true;
  if (child(m, 'encryption', 'urn:xmpp:eme:0') || child(m, 'x', 'jabber:x:conference')) return true;
  const muc = child(m, 'x', 'http://jabber.org/protocol/muc#user');
  if (muc && child(muc, 'invite')) return true;
  return childElements(m).some((c) =>
    [
      'urn:xmpp:receipts',
      'urn:xmpp:chat-markers:0',
      'urn:xmpp:jingle-message:0',
      'urn:xmpp:jingle-message:1',
    ].includes(String(c.attrs.xmlns)),
  );
}

export class AccountArchives {
  private readonly enabled = new Set<string>();
  private readonly archives = new Map<string, Entry[]>();

  constructor(
    private readonly newId: () => string,
    /** The instant stamped on archived messages (Prosody's frozen clock). */
    private readonly stamp: string,
  ) {}

  clear(): void {
    this.enabled.clear();
    this.archives.clear();
  }

  isEnabled(bare: string): boolean {
    return this.enabled.has(bare);
  }

  /** A message an account's session sends (mod_mam's pre-message): kept in its own archive. */
  outgoing(bare: string, stanza: Element): void {
    if (!this.enabled.has(bare) || !shouldStore(stanza)) return;
    const list = this.archives.get(bare) ?? [];
    const to = String(stanza.attrs.to ?? bare);
    list.push({ id: this.newId(), stanza: copyElement(stanza), with: to.split('/')[0], stamp: this.stamp });
    this.archives.set(bare, list);
  }

  /**
   * An incoming message for `bare` (mod_mam's message/bare and message/full handlers): a stanza-id
   * claiming to be by the account is removed; once archiving is on and mod_mam stores the message, it
   * is archived as it came and the copy delivered is the message as it came (Prosody clones the
   * unstripped stanza) plus `<stanza-id by=bare>`. Returns the stanza to deliver.
   */
  incoming(bare: string, stanza: Element): Element {
    const own = (c: Element) => c.name === 'stanza-id' && c.attrs.xmlns === NS_SID && c.attrs.by === bare;
    let stripped = stanza;
    if (childElements(stanza).some(own)) {
      stripped = copyElement(stanza);
      stripped.children = stripped.children.filter((c) => typeof c === 'string' || !own(c));
    }
    if (!this.enabled.has(bare) || !shouldStore(stripped)) return stripped;
    const id = this.newId();
    const from = String(stanza.attrs.from ?? '');
    const list = this.archives.get(bare) ?? [];
    list.push({ id, stanza: copyElement(stanza), with: from.split('/')[0], stamp: this.stamp });
    this.archives.set(bare, list);
    const out = copyElement(stanza);
    out.c('stanza-id', { xmlns: NS_SID, by: bare, id });
    return out;
  }

  /** CORE-IQ-18: a MAM iq to one's own account: the form, or a page of the archive. */
  handle(iq: Element, bare: string): Element[] | undefined {
    const query = childElements(iq)[0];
    if (query?.name !== 'query' || query.attrs.xmlns !== NS_MAM) return undefined;
    if (iq.attrs.type === 'get') {
      this.enabled.add(bare);
      return [mamFormReply(iq)];
    }
    if (iq.attrs.type !== 'set') return undefined;
    this.enabled.add(bare);
    const form = child(query, 'x', 'jabber:x:data');
    if (form) {
      const ft = childElements(form)
        .find((f) => f.name === 'field' && f.attrs.var === 'FORM_TYPE')
        ?.getChildText('value');
      if (ft === null || ft === undefined)
        return [errorReply(iq, 'modify', 'bad-request', 'Invalid dataform: Missing FORM_TYPE')];
      if (ft !== NS_MAM)
        return [errorReply(iq, 'modify', 'bad-request', `Unexpected FORM_TYPE, expected '${NS_MAM}'`)];
    }
    const value = (v: string) =>
      form
        ? (childElements(form)
            .find((f) => f.name === 'field' && f.attrs.var === v)
            ?.getChildText('value') ?? undefined)
        : undefined;
    const withJid = value('with')?.split('/')[0].toLowerCase();
    let items = (this.archives.get(bare) ?? []).filter((e) => withJid === undefined || e.with === withJid);
    const total = items.length;
    const set = child(query, 'set', NS_RSM);
    const maxText = set?.getChildText('max');
    const max = Math.min(maxText ? Number(maxText) || 0 : DEFAULT_MAX, MAX_MAX);
    const beforeEl = set && child(set, 'before');
    const reverse = beforeEl !== undefined;
    const before = beforeEl?.getText() || (set ? undefined : value('before-id'));
    const after = set ? (set.getChildText('after') ?? undefined) : value('after-id');
    for (const [key, keep] of [
      [after, (i: number) => items.slice(i + 1)],
      [before, (i: number) => items.slice(0, i)],
    ] as const) {
      if (key === undefined) continue;
      const i = items.findIndex((e) => e.id === key);
      if (i === -1) return [errorReply(iq, 'modify', 'item-not-found')];
      items = keep(i);
    }
    const ordered = reverse ? [...items].reverse() : items;
    const page = ordered.slice(0, max);
    const flip = reverse !== (child(query, 'flip-page') !== undefined);
    const results = page.map((e) => {
      const m = new Element('message', { to: iq.attrs.from, from: iq.attrs.to });
      const fwd = m
        .c('result', { xmlns: NS_MAM, queryid: query.attrs.queryid, id: e.id })
        .c('forwarded', { xmlns: NS_FORWARD });
      fwd.c('delay', { xmlns: NS_DELAY, stamp: e.stamp });
      const item = copyElement(e.stanza);
      item.attrs.xmlns = 'jabber:client';
      fwd.cnode(item);
      return m;
    });
    let first = page[0]?.id;
    let last = page[page.length - 1]?.id;
    if (reverse) [first, last] = [last, first];
    const reply = iqResult(iq);
    const fin = reply.c('fin', { xmlns: NS_MAM });
    if (ordered.length <= max) fin.attrs.complete = 'true';
    const rsm = fin.c('set', { xmlns: NS_RSM });
    if (first !== undefined) rsm.c('first').t(first);
    if (last !== undefined) rsm.c('last').t(last);
    rsm.c('count').t(String(total));
    return [...(flip ? results.reverse() : results), reply];
  }
}
