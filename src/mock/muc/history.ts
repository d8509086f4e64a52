// Discussion history (XEP-0045 §7.2.15) as Prosody 0.12 with muc_mam serves it: messages with a body
// are archived (stanza-id added to the live message) and kept in memory (up to historylength); a
// join gets the last N (defaulthistorymessages, or the <history/> request) with <delay> from the room.
// When the memory holds fewer than N, muc_mam answers from its archive instead: <delay> before
// <stanza-id>, and muc#user <x> stripped unless the room is non-anonymous (MUC-HIST-*).
import type { Element } from 'ltx';
import type { Room } from './room';
import { archivingEnabled, defaultHistoryMessages, historyLength } from './config';
import {
  add,
  child,
  clone,
  datetime,
  el,
  elements,
  NS_DELAY,
  NS_MUC,
  NS_MUC_USER,
  NS_STANZA_ID,
  removeChildren,
} from './xml';

export interface HistoryEntry {
  stanza: Element;
  /** seconds */
  timestamp: number;
  id?: string;
}

/** muc-message-is-historic (MUC-HIST-1). */
export function isHistoric(stanza: Element): boolean {
  const has = (name: string, ns?: string) => child(stanza, name, ns) !== undefined;
  if (has('no-store', 'urn:xmpp:hints') || has('no-permanent-store', 'urn:xmpp:hints')) return false;
  if (has('store', 'urn:xmpp:hints')) return true;
  if (has('body')) return true;
  if (has('encryption', 'urn:xmpp:eme:0')) return true;
  if (elements(stanza).some((c) => c.attrs.xmlns === 'urn:xmpp:chat-markers:0')) return true;
  return false;
}

/** muc-broadcast-message: archive + remember a historic message (adds stanza-id to it). */
export function addToHistory(room: Room, stanza: Element): void {
  // muc_mam's filter: <stanza-id> claiming to be from the room is removed first.
  removeChildren(
    stanza,
    (c) => c.name === 'stanza-id' && c.attrs.xmlns === NS_STANZA_ID && c.attrs.by === room.jid,
  );
  if (!isHistoric(stanza)) return;
  const now = room.host.now();
  // muc_mam save_to_history
  if (archivingEnabled(room.config)) {
    const stored = clone(stanza);
    delete stored.attrs.to;
    if (room.whoisAnyone()) {
      const occupant = room.occupantByNick(stanza.attrs.from ?? '');
      if (occupant && occupant.jid) {
        const actor = occupant.jid.split('/')[0];
        const affiliation = room.getAffiliation(actor) ?? 'none';
        const role =
          room.roleOf(room.occupantJidOf(actor) ?? '') ?? room.defaultRole(room.getAffiliation(actor));
        add(stored, add(el('x', { xmlns: NS_MUC_USER }), el('item', { affiliation, role, jid: actor })));
      }
    }
    const id = room.archiveMessage(stored, now);
    add(stanza, el('stanza-id', { xmlns: NS_STANZA_ID, by: room.jid, id }));
  }
  // history.lib muc-add-history
  if (historyLength(room.config) === 0) {
    room.forgetHistory();
    return;
  }
  const entry = clone(stanza);
  entry.attrs.to = '';
  add(entry, el('delay', { xmlns: NS_DELAY, from: room.jid, stamp: datetime(now) }));
  room.remember({ stanza: entry, timestamp: now });
}

interface HistoryRequest {
  maxchars?: number;
  maxstanzas?: number;
  since?: number;
}

function parseHistory(room: Room, stanza: Element): HistoryRequest {
  const h = child(child(stanza, 'x', NS_MUC), 'history', NS_MUC);
  if (!h) return {};
  const num = (v: string | undefined) =>
    v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  const r: HistoryRequest = { maxchars: num(h.attrs.maxchars), maxstanzas: num(h.attrs.maxstanzas) };
  if (h.attrs.since !== undefined) {
    const t = Date.parse(h.attrs.since);
    if (Number.isFinite(t)) r.since = t / 1000;
  }
  const seconds = num(h.attrs.seconds);
  if (seconds !== undefined) {
    const s = room.host.now() - seconds;
    r.since = r.since !== undefined ? Math.max(r.since, s) : s;
  }
  return r;
}

/** send_history on a new session (MUC-HIST-2..4). */
export function sendHistory(room: Room, joinStanza: Element): void {
  const req = parseHistory(room, joinStanza);
  let maxstanzas = req.maxstanzas;
  if (req.maxchars === undefined && maxstanzas === undefined && req.since === undefined) {
    maxstanzas = defaultHistoryMessages(room.config);
  }
  const to = joinStanza.attrs.from!;
  // muc_mam's muc-get-history (priority 1)
  if (archivingEnabled(room.config) && maxstanzas !== 0 && req.maxchars !== 0) {
    let limit = maxstanzas;
    if (limit === undefined || limit > historyLength(room.config)) limit = historyLength(room.config);
    if (room.history.length < limit) {
      const items = room.archive.filter((e) => req.since === undefined || e.timestamp >= req.since);
      const picked = items.slice(Math.max(0, items.length - limit)).reverse();
      const out: Element[] = [];
      let chars = req.maxchars;
      for (const e of picked) {
        const item = clone(e.stanza);
        item.attrs.to = to;
        add(item, el('delay', { xmlns: NS_DELAY, from: room.jid, stamp: datetime(e.timestamp) }));
        add(item, el('stanza-id', { xmlns: NS_STANZA_ID, by: room.jid, id: e.id }));
        if (!room.whoisAnyone()) removeChildren(item, (c) => c.name === 'x' && c.attrs.xmlns === NS_MUC_USER);
        if (chars !== undefined) {
          const n = item.toString().length;
          if (chars - n < 0) break;
          chars -= n;
        }
        out.push(item);
      }
      for (const item of out.reverse()) room.route(item);
      return;
    }
  }
  // history.lib's muc-get-history (priority -1)
  const history = room.history;
  const max = maxstanzas ?? history.length;
  let n = 0;
  let charcount = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (req.maxchars !== undefined) {
      const s = clone(entry.stanza);
      s.attrs.to = '';
      charcount += s.toString().length + to.length;
      if (charcount > req.maxchars) break;
    }
    if (req.since !== undefined && req.since > entry.timestamp) break;
    if (n + 1 > max) break;
    n++;
  }
  for (let i = history.length - n; i < history.length; i++) {
    const msg = clone(history[i].stanza);
    msg.attrs.to = to;
    room.route(msg);
  }
}

/** send_subject: the current subject (empty if none), with <delay> once one was set (MUC-SUBJ-1). */
export function sendSubject(room: Room, to: string): void {
  const msg = el(
    'message',
    { from: room.subject.from ?? room.jid, type: 'groupchat' },
    el('subject', {}, ...(room.subject.text ? [room.subject.text] : [])),
  );
  msg.attrs.to = to;
  const time = room.subject.time;
  if (time !== undefined) {
    add(msg, el('delay', { xmlns: NS_DELAY, from: room.jid, stamp: datetime(time) }));
  }
  room.route(msg);
}
