// Normalisation of one flow's transcripts before the mock's and Prosody's are compared. Each rule hides
// one thing that legitimately differs between two correct servers, and nothing else (normalise.test.ts
// shows a real difference surviving each):
//   N-ATTR   attributes are compared as a set (XML attribute order carries no meaning)
//   N-ID     a stanza id the flow did not send (server-generated, or the MUC's encoded iq ids) -> {id}
//   N-STAMP  <delay stamp> -> {stamp} (Prosody stamps presence with its clock)
//   N-SID    <stanza-id id> and <occupant-id id> -> {stanza-id} / {occupant-id} (random, salted)
//   N-CODES  <status code> children of one muc#user <x> sorted (Lua table order)
//   N-ROSTER the occupant list on join: a run of other occupants' presences from one room, sorted by
//            `from` (Prosody iterates occupants in hash order); the self-presence (110) ends the run
//   N-LISTMULTI the <value>s of a list-multi form field sorted (a Lua set)
//   N-FLOW   rooms of other flows on the shared Prosody are dropped from disco#items and from the
//            <option>s of a form field (the service admin's destroy command lists every room)
//   N-SESSION the sessionid of an ad-hoc <command> -> {sessionid} (chosen at random by the server)
//   N-ROOMINFO the <field>s of a muc#roominfo form in var order: Prosody adds them from muc-disco#info
//            handlers of one priority, which util.events orders by a pairs() walk (another order at
//            each start of the server; seen: three starts, three orders)
//   N-CMD    the children of an ad-hoc <command> (note, actions, x) in name order: Prosody's adhoc lib
//            adds them walking a Lua table with pairs() (hash order, seeded anew at each start)
//   N-ROOMS  a run of unavailable presences from several rooms or accounts (a session's end leaves
//            every room it was in and tells every account it sent directed presence to; Prosody walks
//            the session's directed-presence table in hash order, rooms and accounts alike) grouped by
//            sender's bare JID in that order, each sender's own order kept
//   N-TIME   the <utc> of an urn:xmpp:time answer -> {utc} (each server's clock)
//   N-INVITE the <body> and the jabber:x:conference <x> of a mediated invite, body first: Prosody adds
//            them from two muc-invite handlers of one priority, which util.events orders by a pairs()
//            walk (another order at each start of the server)
//   N-CLOSE  (fuzz.ts) a session's end is compared as an end, not by its reason
//   N-DISCO  <feature>s of a disco#info query sorted by var (its <identity>s first, sorted), <item>s of
//            disco#items by jid (hash order)
//   N-ARCHIVE a MAM <result id> and the RSM <first>/<last> text -> {archive-id} (archive ids are random,
//            like stanza-ids), and the children of an RSM <set> in name order (util.rsm's generate walks
//            a Lua table with pairs(): first, last and count come in hash order)
import type { Element } from 'ltx';

const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isEl(n: unknown): n is Element {
  return typeof n === 'object' && n !== null && 'name' in n && 'attrs' in n;
}

/** A form whose FORM_TYPE is muc#roominfo (a room's disco#info). */
function isRoomInfo(x: Element): boolean {
  return x.children.some(
    (f) =>
      isEl(f) &&
      f.name === 'field' &&
      f.attrs.var === 'FORM_TYPE' &&
      f.getChildText('value') === 'http://jabber.org/protocol/muc#roominfo',
  );
}

/** A message carrying a mediated invite (muc#user <x> with an <invite>). */
function isInvite(m: Element): boolean {
  return m.children.some(
    (x) =>
      isEl(x) &&
      x.name === 'x' &&
      x.attrs.xmlns === NS_MUC_USER &&
      x.children.some((i) => isEl(i) && i.name === 'invite'),
  );
}

/** Canonical XML text of an element after the element-level rules. */
function canon(e: Element, top: boolean, sentIds: ReadonlySet<string>, flow?: string): string {
  const attrs: Record<string, string> = { ...(e.attrs as Record<string, string>) };
  if (top && attrs.id !== undefined && !sentIds.has(attrs.id)) attrs.id = '{id}'; // N-ID
  if (e.name === 'delay' && attrs.stamp !== undefined) attrs.stamp = '{stamp}'; // N-STAMP
  if (e.name === 'stanza-id' && attrs.id !== undefined) attrs.id = '{stanza-id}'; // N-SID
  if (e.name === 'occupant-id' && attrs.id !== undefined) attrs.id = '{occupant-id}'; // N-SID
  if (e.name === 'command' && attrs.sessionid !== undefined) attrs.sessionid = '{sessionid}'; // N-SESSION
  if (e.name === 'result' && attrs.xmlns === NS_MAM && attrs.id !== undefined) attrs.id = '{archive-id}'; // N-ARCHIVE
  const names = Object.keys(attrs)
    .filter((k) => attrs[k] !== undefined)
    .sort(); // N-ATTR
  const open = `<${e.name}${names.map((k) => ` ${k}="${esc(String(attrs[k]))}"`).join('')}`;
  // An empty text node is no XML at all (<value></value> is <value/>).
  const foreignRoom = (jid: string) =>
    flow !== undefined && jid.includes('@conference.') && !jid.startsWith(flow);
  const otherFlow = (c: Element) =>
    (e.name === 'query' &&
      attrs.xmlns === NS_DISCO_ITEMS &&
      c.name === 'item' &&
      foreignRoom(String(c.attrs.jid ?? ''))) ||
    (e.name === 'field' && c.name === 'option' && foreignRoom(c.getChildText('value') ?? '')); // N-FLOW
  let kids = e.children
    .filter((c) => (isEl(c) ? !otherFlow(c) : String(c) !== ''))
    .map((c) => (isEl(c) ? canon(c, false, sentIds, flow) : esc(String(c))));
  if (e.name === 'set' && attrs.xmlns === NS_RSM) {
    // N-ARCHIVE: first/last ids hidden, the children in name order (a stable sort)
    const tag = (k: string) => /^<([^\s/>]+)/.exec(k)?.[1] ?? '';
    kids = kids
      .map((k) => (/^<(first|last)[ >]/.test(k) ? k.replace(/>[^<]*</, '>{archive-id}<') : k))
      .map((k, i) => [k, i] as const)
      .sort(([a, i], [b, j]) => (tag(a) < tag(b) ? -1 : tag(a) > tag(b) ? 1 : i - j))
      .map(([k]) => k);
  }
  if (e.name === 'time' && attrs.xmlns === 'urn:xmpp:time') {
    kids = kids.map((k) => (k.startsWith('<utc>') ? '<utc>{utc}</utc>' : k)); // N-TIME
  }
  const xmlns = attrs.xmlns;
  if (e.name === 'x' && xmlns === NS_MUC_USER) {
    // N-CODES: the status codes as a set, kept after the other children
    const isCode = (k: string) => k.startsWith('<status ');
    kids = [...kids.filter((k) => !isCode(k)), ...kids.filter(isCode).sort()];
  }
  if (e.name === 'x' && xmlns === 'jabber:x:data' && isRoomInfo(e)) {
    // N-ROOMINFO: the fields as a set (sorted by their canonical text, which starts with the var)
    const isField = (k: string) => k.startsWith('<field ');
    kids = [...kids.filter((k) => !isField(k)), ...kids.filter(isField).sort()];
  }
  if (top && e.name === 'message' && isInvite(e)) {
    // N-INVITE: body and conference <x> in one order, in the places the two take
    const isBody = (k: string) => k.startsWith('<body>') || k === '<body/>';
    const isConf = (k: string) => k.startsWith('<x ') && k.includes('xmlns="jabber:x:conference"');
    const b = kids.findIndex(isBody);
    const c = kids.findIndex(isConf);
    if (b !== -1 && c !== -1 && c < b) [kids[c], kids[b]] = [kids[b], kids[c]];
  }
  if (e.name === 'command' && xmlns === 'http://jabber.org/protocol/commands') {
    // N-CMD: children by element name, each name's own order kept (a stable sort)
    const tag = (k: string) => /^<([^\s/>]+)/.exec(k)?.[1] ?? '';
    kids = kids
      .map((k, i) => [k, i] as const)
      .sort(([a, i], [b, j]) => (tag(a) < tag(b) ? -1 : tag(a) > tag(b) ? 1 : i - j))
      .map(([k]) => k);
  }
  if (e.name === 'field' && attrs.type === 'list-multi') {
    // N-LISTMULTI: the selected values of a list-multi field as a set (Lua table order)
    const isValue = (k: string) => k.startsWith('<value');
    kids = [...kids.filter((k) => !isValue(k)), ...kids.filter(isValue).sort()];
  }
  if (e.name === 'query' && xmlns === NS_DISCO_INFO) {
    // N-DISCO: identities first (sorted), wherever Prosody's handler order put them among the features
    const isId = (k: string) => k.startsWith('<identity ');
    kids = [...kids.filter(isId).sort(), ...kids.filter((k) => !isId(k))];
  }
  if (e.name === 'query' && (xmlns === NS_DISCO_INFO || xmlns === NS_DISCO_ITEMS)) {
    const tag = xmlns === NS_DISCO_INFO ? '<feature ' : '<item ';
    const first = kids.findIndex((k) => k.startsWith(tag));
    if (first !== -1) {
      const sorted = kids.filter((k) => k.startsWith(tag)).sort(); // N-DISCO
      kids = [...kids.slice(0, first), ...sorted, ...kids.slice(first).filter((k) => !k.startsWith(tag))];
    }
  }
  return kids.length === 0 ? `${open}/>` : `${open}>${kids.join('')}</${e.name}>`;
}

function roomOf(e: Element): string | undefined {
  if (e.name !== 'presence') return undefined;
  const from = String(e.attrs.from ?? '');
  if (!from.includes('@conference.')) return undefined;
  const x = e.children.find((c) => isEl(c) && c.name === 'x' && c.attrs.xmlns === NS_MUC_USER) as
    Element | undefined;
  if (!x) return undefined;
  const self = x.children.some((c) => isEl(c) && c.name === 'status' && c.attrs.code === '110');
  if (self) return undefined;
  return from.split('/')[0];
}

/** The bare JID an unavailable presence comes from (a room, or an account's session that ended). */
function leaveRoom(e: Element): string | undefined {
  if (e.name !== 'presence' || e.attrs.type !== 'unavailable') return undefined;
  const from = String(e.attrs.from ?? '');
  return from.includes('@') ? from.split('/')[0] : undefined;
}

/**
 * N-ROOMS: each run of unavailable presences from more than one sender (rooms, accounts), grouped by
 * the sender's bare JID in JID order.
 */
function byRoom(stanzas: readonly Element[]): readonly Element[] {
  const out: Element[] = [];
  let i = 0;
  while (i < stanzas.length) {
    let j = i;
    while (j < stanzas.length && leaveRoom(stanzas[j]) !== undefined) j++;
    if (j === i) {
      out.push(stanzas[i++]);
      continue;
    }
    const run = stanzas.slice(i, j);
    const rooms = [...new Set(run.map((s) => leaveRoom(s)!))].sort();
    for (const r of rooms) out.push(...run.filter((s) => leaveRoom(s) === r)); // stable within a room
    i = j;
  }
  return out;
}

/** What one client received in one step, as canonical strings in a normalised order. */
export function normaliseStanzas(
  stanzas: readonly Element[],
  sentIds: ReadonlySet<string>,
  /** This flow's name prefix (N-FLOW): rooms of other flows on a shared server are not this flow's. */
  flow?: string,
): string[] {
  stanzas = byRoom(stanzas);
  const out: string[] = [];
  let i = 0;
  while (i < stanzas.length) {
    const room = roomOf(stanzas[i]);
    if (room === undefined) {
      out.push(canon(stanzas[i], true, sentIds, flow));
      i++;
      continue;
    }
    // N-ROSTER: a run of presences of other occupants from one room.
    let j = i;
    while (j < stanzas.length && roomOf(stanzas[j]) === room) j++;
    const run = stanzas.slice(i, j).map((s) => canon(s, true, sentIds, flow));
    out.push(...(run.length > 1 ? run.sort() : run));
    i = j;
  }
  return out;
}
