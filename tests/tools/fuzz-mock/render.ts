// An action (flows.ts) as the stanza its client sends, against one flow's names; and a one-line label.
import { Element } from 'ltx';
import { addrText, IQ_NS, NICKS, nickText, PASSWORD, type Action, type Names } from './flows';

const NS_MUC = 'http://jabber.org/protocol/muc';
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
const NS_DATA = 'jabber:x:data';

const AFFS = new Set(['owner', 'admin', 'member', 'outcast']);

function roomNick(names: Names, r: number, nick: string | undefined): string {
  return nick === undefined ? names.rooms[r] : `${names.rooms[r]}/${nick}`;
}

function field(x: Element, v: string, value: string | boolean | number): void {
  x.c('field', { var: v })
    .c('value')
    .t(typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
}

/** The stanza for `a`; `id` for iqs (and messages/presences, which keep theirs). */
export function render(a: Action, names: Names, id: string): Element {
  switch (a.t) {
    case 'join': {
      const p = new Element('presence', { to: roomNick(names, a.r, nickText(a.nick)), id });
      if (a.x) {
        const x = p.c('x', { xmlns: NS_MUC });
        if (a.pw === 'empty') x.c('password');
        else if (a.pw === 'right') x.c('password').t(PASSWORD);
        else if (a.pw === 'wrong') x.c('password').t('wrong');
        if (a.hist === 'max0') x.c('history', { maxstanzas: '0' });
        else if (a.hist === 'max2') x.c('history', { maxstanzas: '2' });
        else if (a.hist === 'chars') x.c('history', { maxchars: '0' });
      }
      return p;
    }
    case 'leave': {
      const p = new Element('presence', { to: roomNick(names, a.r, NICKS[a.c]), type: 'unavailable', id });
      if (a.status) p.c('status').t('gone fishing');
      return p;
    }
    case 'nick':
      return new Element('presence', { to: roomNick(names, a.r, nickText(a.nick)), id });
    case 'pres': {
      const p = new Element('presence', { to: addrText(a.to, names, a.c), id });
      if (a.show !== 'none') p.c('show').t(a.show);
      p.c('status').t(`status ${a.show}`);
      return p;
    }
    case 'probe':
      return new Element('presence', { to: addrText(a.to, names, a.c), type: 'probe', id });
    case 'sub':
      return new Element('presence', { to: addrText(a.to, names, a.c), type: a.type, id });
    case 'msg': {
      const m = new Element('message', { to: addrText(a.to, names, a.c), id });
      if (a.type !== 'none') m.attrs.type = a.type;
      if (a.subject) m.c('subject').t('A subject');
      if (a.body === 'short') m.c('body').t(`hello ${id}`);
      else if (a.body === 'big') m.c('body').t('B'.repeat(270_000));
      return m;
    }
    case 'iq': {
      const [name, xmlns] = IQ_NS[a.ns];
      const iq = new Element('iq', { to: addrText(a.to, names, a.c), type: a.type, id });
      const q = iq.c(name, { xmlns });
      if (xmlns === 'urn:xmpp:mam:2' && a.type === 'set') q.attrs.queryid = 'q1';
      if (xmlns === 'http://jabber.org/protocol/muc#admin') q.c('item', { affiliation: 'member' });
      if (xmlns === 'jabber:iq:private') q.c('exodus', { xmlns: 'exodus:prefs' });
      if (xmlns === 'http://jabber.org/protocol/pubsub') q.c('items', { node: 'urn:xmpp:avatar:metadata' });
      if (xmlns === 'http://jabber.org/protocol/commands') {
        q.attrs.node = 'http://prosody.im/protocol/muc#destroy';
        q.attrs.action = 'execute';
      }
      return iq;
    }
    case 'list': {
      const iq = new Element('iq', { to: names.rooms[a.r], type: 'get', id });
      const attr = a.what === 'moderator' ? { role: a.what } : { affiliation: a.what };
      iq.c('query', { xmlns: NS_MUC_ADMIN }).c('item', attr);
      return iq;
    }
    case 'admin': {
      const iq = new Element('iq', { to: names.rooms[a.r], type: 'set', id });
      const attrs: Record<string, string> =
        'nick' in a.target
          ? { nick: NICKS[a.target.nick] }
          : { jid: names.users[a.target.user % names.users.length] };
      if (AFFS.has(a.set)) attrs.affiliation = a.set;
      else if (a.set === 'none-aff') attrs.affiliation = 'none';
      else attrs.role = a.set;
      const item = iq.c('query', { xmlns: NS_MUC_ADMIN }).c('item', attrs);
      if (a.reason) item.c('reason').t('because');
      return iq;
    }
    case 'ownerGet': {
      const iq = new Element('iq', { to: names.rooms[a.r], type: 'get', id });
      iq.c('query', { xmlns: NS_MUC_OWNER });
      return iq;
    }
    case 'config': {
      const iq = new Element('iq', { to: names.rooms[a.r], type: 'set', id });
      const x = iq.c('query', { xmlns: NS_MUC_OWNER }).c('x', { xmlns: NS_DATA, type: 'submit' });
      const f = a.fields;
      if (Object.keys(f).length > 0) field(x, 'FORM_TYPE', 'http://jabber.org/protocol/muc#roomconfig');
      if (f.persistent !== undefined) field(x, 'muc#roomconfig_persistentroom', f.persistent);
      if (f.membersonly !== undefined) field(x, 'muc#roomconfig_membersonly', f.membersonly);
      if (f.moderated !== undefined) field(x, 'muc#roomconfig_moderatedroom', f.moderated);
      if (f.password !== undefined) {
        field(x, 'muc#roomconfig_passwordprotectedroom', f.password);
        field(x, 'muc#roomconfig_roomsecret', f.password ? PASSWORD : '');
      }
      if (f.whois !== undefined) field(x, 'muc#roomconfig_whois', f.whois);
      if (f.public !== undefined) field(x, 'muc#roomconfig_publicroom', f.public);
      if (f.changesubject !== undefined) field(x, 'muc#roomconfig_changesubject', f.changesubject);
      if (f.historylength !== undefined) field(x, 'muc#roomconfig_historylength', f.historylength);
      return iq;
    }
    case 'destroy': {
      const iq = new Element('iq', { to: names.rooms[a.r], type: 'set', id });
      const d = iq
        .c('query', { xmlns: NS_MUC_OWNER })
        .c('destroy', a.alt ? { jid: names.rooms[1 - a.r] } : {});
      if (a.reason) d.c('reason').t('closing');
      return iq;
    }
    case 'invite': {
      const m = new Element('message', { to: names.rooms[a.r], id });
      const inv = m
        .c('x', { xmlns: NS_MUC_USER })
        .c('invite', { to: names.users[a.to % names.users.length] });
      if (a.reason) inv.c('reason').t('come');
      return m;
    }
    case 'decline': {
      const m = new Element('message', { to: names.rooms[a.r], id });
      m.c('x', { xmlns: NS_MUC_USER }).c('decline', { to: names.users[a.to % names.users.length] });
      return m;
    }
    case 'register': {
      const iq = new Element('iq', { to: names.rooms[a.r], type: 'set', id });
      const x = iq.c('query', { xmlns: 'jabber:iq:register' }).c('x', { xmlns: NS_DATA, type: 'submit' });
      field(x, 'FORM_TYPE', 'http://jabber.org/protocol/muc#register');
      field(x, 'muc#register_roomnick', NICKS[a.nick]);
      return iq;
    }
  }
}

/** Where the stanza goes, for the coverage table. */
export function addresseeOf(a: Action): { kind: string; addressee: string; room: number } {
  const kind =
    a.t === 'msg' || a.t === 'invite' || a.t === 'decline'
      ? 'message'
      : a.t === 'iq' ||
          a.t === 'list' ||
          a.t === 'admin' ||
          a.t === 'ownerGet' ||
          a.t === 'config' ||
          a.t === 'destroy' ||
          a.t === 'register'
        ? 'iq'
        : 'presence';
  if (a.t === 'join' || a.t === 'leave' || a.t === 'nick')
    return { kind, addressee: a.t === 'join' && a.nick === 'none' ? 'room' : 'own-nick', room: a.r };
  if ('to' in a && typeof a.to === 'object') {
    const to = a.to;
    switch (to.k) {
      case 'server':
      case 'user':
        return { kind, addressee: 'user/server', room: 0 };
      case 'service':
        return { kind, addressee: 'service', room: 0 };
      case 'room':
        return { kind, addressee: 'room', room: to.r };
      case 'occ':
        return { kind, addressee: to.n === a.c ? 'own-nick' : 'other-nick', room: to.r };
      case 'self':
        return { kind, addressee: 'own-nick', room: to.r };
      case 'odd':
        return { kind, addressee: 'odd', room: 0 };
    }
  }
  return { kind, addressee: 'room', room: 'r' in a ? a.r : 0 };
}

export function label(a: Action): string {
  return JSON.stringify(a);
}
