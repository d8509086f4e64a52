// Message archive queries on a room (XEP-0313, Prosody's mod_muc_mam with memory storage): the query
// form, and archive pages as <result><forwarded><delay/><message/></forwarded></result> messages
// followed by <fin> with RSM first/last/count (MUC-MAM-*). with/start/end/ids are honoured;
// full-text search is not offered (Prosody 0.12 offers none either).
import type { Element } from 'ltx';
import type { Room } from './room';
import type { HistoryEntry } from './history';
import { formType, readForm, renderForm, type Layout } from './dataforms';
import {
  add,
  child,
  clone,
  datetime,
  el,
  elements,
  errorReply,
  NS_DATA,
  NS_DELAY,
  NS_MAM,
  NS_MUC_USER,
  removeChildren,
  reply,
  textOf,
} from './xml';

const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';
const DEFAULT_MAX = 20;
const MAX_MAX = 50;

const QUERY_FORM: Layout = {
  fields: [
    { name: 'FORM_TYPE', type: 'hidden', value: NS_MAM },
    { name: 'with', type: 'jid-single' },
    { name: 'start', type: 'text-single', datatype: 'xs:dateTime' },
    { name: 'end', type: 'text-single', datatype: 'xs:dateTime' },
    { name: 'before-id', type: 'text-single' },
    { name: 'after-id', type: 'text-single' },
    { name: 'ids', type: 'list-multi' },
  ],
};

/** MUC-MAM-1: iq get = the query form (MUC-MAM-3: to any room JID, whether the room exists or not). */
export function mamFormReply(stanza: Element): Element {
  return add(reply(stanza), add(el('query', { xmlns: NS_MAM }), renderForm(QUERY_FORM)));
}

function parseTime(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t / 1000 : undefined;
}

/** MUC-MAM-2: iq set = one page of the archive. */
export function handleMamSet(room: Room, stanza: Element): void {
  const from = stanza.attrs.from!;
  const affiliation = room.getAffiliation(from);
  if (affiliation === 'outcast' || (room.config.membersOnly && !affiliation)) {
    room.route(errorReply(stanza, 'auth', 'forbidden'));
    return;
  }
  const query = elements(stanza)[0];
  const qid = query.attrs.queryid;
  let start: number | undefined;
  let end: number | undefined;
  let beforeId: string | undefined;
  let afterId: string | undefined;
  let ids: string[] | undefined;
  const form = child(query, 'x', NS_DATA);
  if (form) {
    const ft = formType(form);
    if (ft === undefined) {
      room.route(
        errorReply(stanza, 'modify', 'bad-request', { text: 'Invalid dataform: Missing FORM_TYPE' }),
      );
      return;
    }
    if (ft !== NS_MAM) {
      room.route(
        errorReply(stanza, 'modify', 'bad-request', { text: `Unexpected FORM_TYPE, expected '${NS_MAM}'` }),
      );
      return;
    }
    const data = readForm(QUERY_FORM, form);
    start = parseTime(data.values.start);
    end = parseTime(data.values.end);
    beforeId = data.values['before-id'] as string | undefined;
    afterId = data.values['after-id'] as string | undefined;
    ids = data.values.ids as string[] | undefined;
  }
  const set = child(query, 'set', NS_RSM);
  const maxText = set ? child(set, 'max') : undefined;
  const max = Math.min(maxText ? Number(textOf(maxText)) || 0 : DEFAULT_MAX, MAX_MAX);
  const beforeEl = set ? child(set, 'before') : undefined;
  const reverse = beforeEl !== undefined;
  const rsmBefore = beforeEl && textOf(beforeEl) !== '' ? textOf(beforeEl) : undefined;
  const rsmAfter = set ? (child(set, 'after') ? textOf(child(set, 'after')!) : undefined) : undefined;
  const before = set ? rsmBefore : beforeId;
  const after = set ? rsmAfter : afterId;

  let items: HistoryEntry[] = room.archive.filter(
    (e) =>
      (start === undefined || e.timestamp >= start) &&
      (end === undefined || e.timestamp <= end) &&
      (ids === undefined || ids.includes(e.id!)),
  );
  const total = items.length;
  if (after !== undefined) {
    const i = items.findIndex((e) => e.id === after);
    if (i === -1) {
      room.route(errorReply(stanza, 'modify', 'item-not-found'));
      return;
    }
    items = items.slice(i + 1);
  }
  if (before !== undefined) {
    const i = items.findIndex((e) => e.id === before);
    if (i === -1) {
      room.route(errorReply(stanza, 'modify', 'item-not-found'));
      return;
    }
    items = items.slice(0, i);
  }
  const ordered = reverse ? [...items].reverse() : items;
  const page = ordered.slice(0, max);
  const complete = ordered.length <= max;
  const flip = reverse !== (child(query, 'flip-page') !== undefined);
  const results = page.map((e) => {
    const item = clone(e.stanza);
    if (room.config.whois !== 'anyone') {
      removeChildren(item, (c) => c.name === 'x' && c.attrs.xmlns === NS_MUC_USER);
    }
    delete item.attrs.to;
    // muc_mam sets the forwarded message's namespace (item.attr.xmlns = "jabber:client").
    item.attrs.xmlns = 'jabber:client';
    const fwd = el(
      'forwarded',
      { xmlns: NS_FORWARD },
      el('delay', { xmlns: NS_DELAY, stamp: datetime(e.timestamp) }),
      item,
    );
    return el(
      'message',
      { to: from, from: stanza.attrs.to },
      el('result', { xmlns: NS_MAM, queryid: qid, id: e.id }, fwd),
    );
  });
  for (const m of flip ? [...results].reverse() : results) room.route(m);
  let first = page[0]?.id;
  let last = page[page.length - 1]?.id;
  if (reverse) [first, last] = [last, first];
  const rsm = el('set', { xmlns: NS_RSM });
  if (first !== undefined) add(rsm, el('first', {}, first));
  if (last !== undefined) add(rsm, el('last', {}, last));
  add(rsm, el('count', {}, String(total)));
  room.route(
    add(reply(stanza), add(el('fin', { xmlns: NS_MAM, complete: complete ? 'true' : undefined }), rsm)),
  );
}
