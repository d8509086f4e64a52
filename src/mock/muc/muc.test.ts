// MUC rules by SPEC id (src/mock/SPEC.md, "MUC"): stanzas fed straight into the component with a fake
// ComponentContext, outputs asserted. The corpus-level equivalence with Prosody is tests/differential.
import { describe, expect, it } from 'vitest';
import { parse, type Element } from 'ltx';
import type { ComponentContext } from '../component';
import { createMucService } from './index';
import { readForm } from './dataforms';
import { configLayout } from './config-form';
import { defaultConfig } from './config';
import { strictResourceprep, resourceprep } from './nickprep';

function harness() {
  const muc = createMucService();
  const out: Element[] = [];
  let n = 0;
  const ctx: ComponentContext = {
    send: (s) => out.push(parse(s.toString()) as Element),
    sessionsOf: () => [],
    nextId: () => `id${++n}`,
  };
  const send = (xml: string) => {
    out.length = 0;
    muc.handle(parse(xml) as Element, ctx);
    return [...out];
  };
  return { muc, send };
}

const R = 'romeo@localhost/r1';
const J = 'juliet@localhost/j1';
const join = (from: string, room: string, nick: string, extra = '') =>
  `<presence from='${from}' to='${room}/${nick}'><x xmlns='http://jabber.org/protocol/muc'>${extra}</x></presence>`;
const submit = (room: string, fields: Record<string, string> = {}) =>
  `<iq from='${R}' to='${room}' type='set' id='c'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>` +
  (Object.keys(fields).length
    ? `<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>` +
      Object.entries(fields)
        .map(([k, v]) => `<field var='${k}'><value>${v}</value></field>`)
        .join('')
    : '') +
  `</x></query></iq>`;
const codes = (el: Element) =>
  el
    .getChild('x', 'http://jabber.org/protocol/muc#user')
    ?.getChildren('status')
    .map((s) => s.attrs.code);
const condition = (el: Element) => el.getChild('error')?.children.map((c) => (c as Element).name)[0];

function openRoom(room = 'garden@conference.localhost', fields: Record<string, string> = {}) {
  const h = harness();
  h.send(join(R, room, 'Romeo'));
  h.send(submit(room, fields));
  return h;
}

describe('MUC creation and configuration', () => {
  it('MUC-CREATE-1: the first join creates the room: 201, owner/moderator, 110, then the empty subject', () => {
    const { send } = harness();
    const out = send(join(R, 'garden@conference.localhost', 'Romeo'));
    expect(out.map((s) => s.name)).toEqual(['presence', 'message']);
    expect(codes(out[0])).toEqual(['201', '110']);
    const item = out[0].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!;
    expect(item.attrs).toMatchObject({ affiliation: 'owner', role: 'moderator', jid: R });
    expect(out[0].getChild('occupant-id', 'urn:xmpp:occupant-id:0')?.attrs.id).toMatch(
      /^[A-Za-z0-9+/]{43}=$/,
    );
    expect(out[1].getChild('subject')?.children).toEqual([]);
  });

  it('MUC-CREATE-2/3: a new room is locked until the owner submits a form (the instant-room empty form too)', () => {
    const { send } = harness();
    send(join(R, 'garden@conference.localhost', 'Romeo'));
    const refused = send(join(J, 'garden@conference.localhost', 'Juliet'));
    expect(refused[0].attrs.type).toBe('error');
    expect(condition(refused[0])).toBe('item-not-found');
    expect(refused[0].getChild('error')!.attrs.by).toBe('conference.localhost');
    const result = send(submit('garden@conference.localhost'));
    expect(result).toHaveLength(1);
    expect(result[0].attrs).toMatchObject({ type: 'result', id: 'c' });
    expect(send(join(J, 'garden@conference.localhost', 'Juliet')).some((s) => s.attrs.type === 'error')).toBe(
      false,
    );
  });

  it('MUC-CONF-3: changed options are announced with 104 after the result; whois gives 172', () => {
    const { send } = openRoom();
    const out = send(
      submit('garden@conference.localhost', {
        'muc#roomconfig_whois': 'anyone',
        'muc#roomconfig_roomname': 'G',
      }),
    );
    expect(out.map((s) => s.name)).toEqual(['iq', 'message']);
    expect(codes(out[1])).toEqual(['104', '172']);
  });

  it('MUC-CONF-2: form parsing follows the layout: booleans 1/true/0/false, integers, absent fields untouched', () => {
    const form = parse(
      `<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_membersonly'><value>true</value></field><field var='muc#roomconfig_historylength'><value>5</value></field><field var='muc#roomconfig_moderatedroom'><value>maybe</value></field></x>`,
    ) as Element;
    const data = readForm(configLayout('r@c', defaultConfig()), form);
    expect(data.present).toEqual([
      'muc#roomconfig_membersonly',
      'muc#roomconfig_moderatedroom',
      'muc#roomconfig_historylength',
    ]);
    expect(data.values['muc#roomconfig_membersonly']).toBe(true);
    expect(data.values['muc#roomconfig_historylength']).toBe(5);
    expect(data.values['muc#roomconfig_moderatedroom']).toBeUndefined();
    expect(data.errors['muc#roomconfig_moderatedroom']).toMatch(/Invalid boolean/);
  });
});

describe('MUC joining', () => {
  it('MUC-JOIN-1/2: the newcomer gets the others (without their JIDs), itself (110, its JID), the subject', () => {
    const { send } = openRoom();
    const out = send(join(J, 'garden@conference.localhost', 'Juliet'));
    const toJuliet = out.filter((s) => s.attrs.to === J);
    expect(toJuliet.map((s) => s.attrs.from)).toEqual([
      'garden@conference.localhost/Romeo',
      'garden@conference.localhost/Juliet',
      'garden@conference.localhost',
    ]);
    expect(
      toJuliet[0].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!.attrs.jid,
    ).toBeUndefined();
    expect(codes(toJuliet[1])).toEqual(['110']);
    const toRomeo = out.filter((s) => s.attrs.to === R);
    expect(toRomeo).toHaveLength(1);
    expect(toRomeo[0].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!.attrs.jid).toBe(
      J,
    );
  });

  it('MUC-JOIN-4: a wrong password is not-authorized (auth) by the room', () => {
    const { send } = openRoom('vault@conference.localhost', { 'muc#roomconfig_roomsecret': 'pw' });
    const out = send(join(J, 'vault@conference.localhost', 'Juliet', '<password>no</password>'));
    expect(condition(out[0])).toBe('not-authorized');
    expect(out[0].getChild('error')!.attrs).toEqual({ type: 'auth', by: 'vault@conference.localhost' });
    expect(send(join(J, 'vault@conference.localhost', 'Juliet', '<password>pw</password>')).length).toBe(4);
  });

  it('MUC-JOIN-5: members-only rooms want registration', () => {
    const { send } = openRoom('club@conference.localhost', { 'muc#roomconfig_membersonly': '1' });
    const out = send(join(J, 'club@conference.localhost', 'Juliet'));
    expect(condition(out[0])).toBe('registration-required');
  });

  it('MUC-NICK-1/2: the nick is prepped (U+FE0F vanishes) and must pass strict validation', () => {
    expect(resourceprep('🤖\uFE0F')).toBe('🤖');
    expect(strictResourceprep('🤖')).toBeUndefined();
    expect(strictResourceprep('Roméo')).toBe('Roméo');
    const { send } = openRoom();
    const out = send(join(J, 'garden@conference.localhost', '🤖\uFE0F'));
    expect(out[0].attrs.from).toBe('garden@conference.localhost/🤖');
    expect(condition(out[0])).toBe('jid-malformed');
  });

  it('MUC-NICK-4/5: a nick change gives 303 with the new nick; a taken nick is a conflict', () => {
    const { send } = openRoom();
    send(join(J, 'garden@conference.localhost', 'Juliet'));
    const out = send(`<presence from='${J}' to='garden@conference.localhost/Jules'/>`);
    const unavailable = out.find((s) => s.attrs.to === J && s.attrs.type === 'unavailable')!;
    expect(codes(unavailable)).toEqual(['303', '110']);
    expect(
      unavailable.getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!.attrs.nick,
    ).toBe('Jules');
    const conflict = send(`<presence from='${R}' to='garden@conference.localhost/Jules'/>`);
    expect(condition(conflict[0])).toBe('conflict');
  });
});

describe('MUC roles and affiliations', () => {
  it('MUC-ROLE-1: a kick is 307 with actor and reason, the result iq last', () => {
    const { send } = openRoom();
    send(join(J, 'garden@conference.localhost', 'Juliet'));
    const out = send(
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='k'><query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Juliet' role='none'><reason>Out</reason></item></query></iq>`,
    );
    expect(out.map((s) => `${s.name}>${s.attrs.to}`)).toEqual([`presence>${R}`, `presence>${J}`, `iq>${R}`]);
    const item = out[0].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!;
    expect(item.getChild('actor')!.attrs).toEqual({ nick: 'Romeo', jid: R });
    expect(item.getChildText('reason')).toBe('Out');
    expect(
      out[1].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!.getChild('actor')!.attrs,
    ).toEqual({ nick: 'Romeo' });
  });

  it('MUC-ROLE-2: a participant cannot kick', () => {
    const { send } = openRoom();
    send(join(J, 'garden@conference.localhost', 'Juliet'));
    const out = send(
      `<iq from='${J}' to='garden@conference.localhost' type='set' id='k'><query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Romeo' role='none'/></query></iq>`,
    );
    expect(condition(out[0])).toBe('not-allowed');
  });

  it('MUC-AFF-3/4: a non-occupant member is announced by message; the last owner cannot step down', () => {
    const { send } = openRoom();
    const out = send(
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='m'><query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='member' jid='juliet@localhost'/></query></iq>`,
    );
    expect(out.map((s) => s.name)).toEqual(['message', 'iq']);
    expect(out[0].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!.attrs).toEqual({
      affiliation: 'member',
      jid: 'juliet@localhost',
    });
    const self = send(
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='o'><query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='none' jid='romeo@localhost'/></query></iq>`,
    );
    expect(condition(self[0])).toBe('conflict');
  });

  it('MUC-SVC-6: the service admin is owner of every room', () => {
    const { send } = openRoom();
    const out = send(join('admin@localhost/a', 'garden@conference.localhost', 'Admin'));
    const self = out.find(
      (s) => s.attrs.to === 'admin@localhost/a' && s.name === 'presence' && s.attrs.from?.endsWith('/Admin'),
    )!;
    expect(self.getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!.attrs).toMatchObject({
      affiliation: 'owner',
      role: 'moderator',
    });
  });
});

describe('MUC messages, history, destruction', () => {
  it('MUC-HIST-2: history on join carries delay stamps from the frozen clock', () => {
    const { send } = openRoom();
    send(
      `<message from='${R}' to='garden@conference.localhost' type='groupchat' id='m1'><body>hi</body></message>`,
    );
    const out = send(join(J, 'garden@conference.localhost', 'Juliet'));
    const hist = out.find((s) => s.name === 'message' && s.getChild('body'))!;
    expect(hist.getChild('delay', 'urn:xmpp:delay')!.attrs).toMatchObject({
      from: 'garden@conference.localhost',
      stamp: '2008-08-22T21:09:04Z',
    });
  });

  it('MUC-SUBJ-2: a participant may not change the subject by default; with a body it is a message', () => {
    const { send } = openRoom();
    send(join(J, 'garden@conference.localhost', 'Juliet'));
    const refused = send(
      `<message from='${J}' to='garden@conference.localhost' type='groupchat'><subject>x</subject></message>`,
    );
    expect(condition(refused[0])).toBe('forbidden');
    const msg = send(
      `<message from='${J}' to='garden@conference.localhost' type='groupchat'><subject>x</subject><body>y</body></message>`,
    );
    expect(msg).toHaveLength(2);
  });

  it('MUC-DESTROY-1: destroy tells everyone the venue and reason, then answers; the room is gone', () => {
    const { send } = openRoom();
    const out = send(
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='d'><query xmlns='http://jabber.org/protocol/muc#owner'><destroy jid='new@conference.localhost'><reason>bye</reason></destroy></query></iq>`,
    );
    expect(out.map((s) => s.name)).toEqual(['presence', 'iq']);
    const d = out[0].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('destroy')!;
    expect(d.attrs.jid).toBe('new@conference.localhost');
    expect(d.getChildText('reason')).toBe('bye');
    const gone = send(
      `<message from='${R}' to='garden@conference.localhost' type='groupchat'><body>x</body></message>`,
    );
    expect(condition(gone[0])).toBe('item-not-found');
  });

  it('MUC-SVC-1: unhandled iqs get service-unavailable', () => {
    const { send } = openRoom();
    const out = send(
      `<iq from='${R}' to='garden@conference.localhost' type='get' id='p'><ping xmlns='urn:xmpp:ping'/></iq>`,
    );
    expect(condition(out[0])).toBe('service-unavailable');
  });
});

describe('MUC robustness', () => {
  it('MUC-SVC-5: odd or malformed stanzas are answered or dropped, never a crash', () => {
    const { send } = openRoom();
    send(join(J, 'garden@conference.localhost', 'Juliet'));
    const odd = [
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='1'/>`,
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='2'><query xmlns='http://jabber.org/protocol/muc#owner'/></iq>`,
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='3'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_whois'><value>everyone</value></field></x></query></iq>`,
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='4'><query xmlns='http://jabber.org/protocol/muc#admin'><item/></query></iq>`,
      `<iq from='${R}' to='garden@conference.localhost' type='get' id='5'><query xmlns='http://jabber.org/protocol/muc#admin'/></iq>`,
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='6'><query xmlns='http://jabber.org/protocol/muc#admin'><item role='god' nick='Juliet'/></query></iq>`,
      `<iq from='${R}' to='garden@conference.localhost' type='set' id='7'><query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='king' jid='x@localhost'/></query></iq>`,
      `<iq from='${J}' to='garden@conference.localhost/Romeo' type='result' id='garbage'/>`,
      `<iq from='${J}' to='garden@conference.localhost/Nobody' type='get' id='8'><ping xmlns='urn:xmpp:ping'/></iq>`,
      `<iq from='${J}' to='garden@conference.localhost' type='set' id='9'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
      `<message from='${J}' to='garden@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><invite/></x></message>`,
      `<message from='${J}' to='garden@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><decline to='${R}'/></x></message>`,
      `<message from='${J}' to='garden@conference.localhost' type='error'/>`,
      `<message from='${J}' to='garden@conference.localhost/Romeo' type='error'><error type='cancel'><gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
      `<presence from='${J}' to='garden@conference.localhost/Juliet' type='bogus'/>`,
      `<presence from='${J}' to='garden@conference.localhost/ ' />`,
      `<presence from='${J}' to='garden@conference.localhost' type='error'/>`,
      `<presence from='${R}' to='garden@conference.localhost/Juliet' type='error'/>`,
      `<message from='${R}' to='conference.localhost' type='groupchat'><body>x</body></message>`,
      `<iq from='${R}' to='conference.localhost' type='set' id='10'><command xmlns='http://jabber.org/protocol/commands' node='nope'/></iq>`,
      `<iq from='admin@localhost/a' to='conference.localhost' type='set' id='11'><command xmlns='http://jabber.org/protocol/commands' node='http://prosody.im/protocol/muc#destroy'><x xmlns='jabber:x:data' type='submit'/></command></iq>`,
      `<iq from='${R}' to='@@@' type='get' id='12'/>`,
    ];
    for (const xml of odd) {
      expect(() => send(xml), xml).not.toThrow();
    }
    // Still a working room afterwards.
    const out = send(
      `<message from='${R}' to='garden@conference.localhost' type='groupchat' id='ok'><body>still here</body></message>`,
    );
    expect(out.length).toBeGreaterThan(0);
  });
});

describe('MUC archive (muc_mam)', () => {
  it('MUC-MAM-2: a query pages the archive with RSM and ends with fin/count', () => {
    const { send } = openRoom();
    for (const b of ['one', 'two', 'three']) {
      send(
        `<message from='${R}' to='garden@conference.localhost' type='groupchat'><body>${b}</body></message>`,
      );
    }
    const out = send(
      `<iq from='${J}' to='garden@conference.localhost' type='set' id='q'><query xmlns='urn:xmpp:mam:2' queryid='f'><set xmlns='http://jabber.org/protocol/rsm'><max>2</max></set></query></iq>`,
    );
    expect(out.map((s) => s.name)).toEqual(['message', 'message', 'iq']);
    const bodies = out.slice(0, 2).map((m) => {
      const result = m.getChild('result', 'urn:xmpp:mam:2')!;
      expect(result.attrs.queryid).toBe('f');
      expect(result.attrs.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      return result.getChild('forwarded')!.getChild('message')!.getChildText('body');
    });
    expect(bodies).toEqual(['one', 'two']);
    const fin = out[2].getChild('fin', 'urn:xmpp:mam:2')!;
    expect(fin.attrs.complete).toBeUndefined();
    expect(fin.getChild('set')!.getChildText('count')).toBe('3');
  });
});
