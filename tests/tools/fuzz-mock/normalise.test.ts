// Each normalisation rule of the differential fuzzer hides what it names, and a real difference of
// the same stanza survives it.
import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import { normaliseStanzas } from './normalise';

const sent = new Set(['s1']);
const norm = (...xml: string[]) =>
  normaliseStanzas(
    xml.map((x) => parse(x)),
    sent,
  );
const same = (a: string[], b: string[]) => expect(norm(...a)).toEqual(norm(...b));
const differ = (a: string[], b: string[]) => expect(norm(...a)).not.toEqual(norm(...b));

const MUC_USER = 'http://jabber.org/protocol/muc#user';
const pres = (from: string, inner: string, type = '') =>
  `<presence from="r@conference.localhost/${from}" to="u@localhost/r"${type}><x xmlns="${MUC_USER}">${inner}</x></presence>`;

describe('fuzz:mock normalisation', () => {
  it('N-ATTR: attribute order is ignored; a different value is not', () => {
    same(['<message to="a" from="b"/>'], ['<message from="b" to="a"/>']);
    differ(['<message to="a" from="b"/>'], ['<message from="c" to="a"/>']);
  });
  it('N-ID: ids the server chose are equal; ids the flow sent must match, and a missing id is a difference', () => {
    same(['<message id="abc" to="a"/>'], ['<message id="xyz" to="a"/>']);
    differ(['<message id="s1" to="a"/>'], ['<message id="xyz" to="a"/>']);
    differ(['<message id="abc" to="a"/>'], ['<message to="a"/>']);
  });
  it("N-STAMP: delay stamps are equal; a delay's presence and its from are not", () => {
    const d = (stamp: string, from = 'r@c') =>
      `<message><delay xmlns="urn:xmpp:delay" from="${from}" stamp="${stamp}"/></message>`;
    same([d('2008-08-22T21:09:04Z')], [d('2026-11-30T01:00:00Z')]);
    differ([d('2008-08-22T21:09:04Z')], [d('2008-08-22T21:09:04Z', 'other@c')]);
    differ([d('2008-08-22T21:09:04Z')], ['<message/>']);
  });
  it('N-SID: stanza-id and occupant-id values are equal; their by and presence are not', () => {
    const m = (id: string, by = 'r@c') =>
      `<message><stanza-id xmlns="urn:xmpp:sid:0" by="${by}" id="${id}"/><occupant-id xmlns="urn:xmpp:occupant-id:0" id="${id}"/></message>`;
    same([m('aaa')], [m('bbb')]);
    differ([m('aaa')], [m('aaa', 'x@c')]);
    differ([m('aaa')], ['<message><stanza-id xmlns="urn:xmpp:sid:0" by="r@c" id="a"/></message>']);
  });
  it('N-CODES: status code order in one muc#user x is ignored; a missing or extra code is not', () => {
    same(
      [pres('a', '<status code="110"/><item role="none"/><status code="307"/>')],
      [pres('a', '<item role="none"/><status code="307"/><status code="110"/>')],
    );
    differ(
      [pres('a', '<status code="110"/><item role="none"/><status code="307"/>')],
      [pres('a', '<item role="none"/><status code="110"/>')],
    );
  });
  it("N-ROSTER: the order of other occupants' presences is ignored; content, and the self-presence's place, are not", () => {
    const a = pres('a', '<item role="participant"/>');
    const b = pres('b', '<item role="moderator"/>');
    const self = pres('c', '<item role="participant"/><status code="110"/>');
    same([a, b, self], [b, a, self]);
    differ([a, b, self], [a, self, b]);
    differ([a, b, self], [a, pres('b', '<item role="participant"/>'), self]);
  });
  it('N-DISCO: feature and item order is ignored; a missing feature is not', () => {
    const q = (...v: string[]) =>
      `<iq type="result"><query xmlns="http://jabber.org/protocol/disco#info"><identity category="c"/>${v.map((x) => `<feature var="${x}"/>`).join('')}</query></iq>`;
    same([q('a', 'b')], [q('b', 'a')]);
    differ([q('a', 'b')], [q('a')]);
    const idLast = `<iq type="result"><query xmlns="http://jabber.org/protocol/disco#info"><feature var="a"/><identity category="c"/></query></iq>`;
    same([q('a')], [idLast]);
    differ([q('a')], [idLast.replace('category="c"', 'category="d"')]);
  });
  it('N-LISTMULTI: selected values of a list-multi field as a set; another selection differs', () => {
    const f = (...v: string[]) =>
      `<x><field type="list-multi" var="b"><option><value>a</value></option>${v.map((x) => `<value>${x}</value>`).join('')}</field></x>`;
    same([f('visitor', 'participant')], [f('participant', 'visitor')]);
    differ([f('visitor', 'participant')], [f('participant')]);
  });
  it("N-FLOW: other flows' rooms in the service's disco#items are dropped; this flow's room is not", () => {
    const q = (...j: string[]) =>
      parse(
        `<iq type="result"><query xmlns="http://jabber.org/protocol/disco#items">${j.map((x) => `<item jid="${x}"/>`).join('')}</query></iq>`,
      );
    const n = (...j: string[]) => normaliseStanzas([q(...j)], sent, 'f7x');
    expect(n('f7xr0@conference.localhost', 'f3xr1@conference.localhost')).toEqual(
      n('f7xr0@conference.localhost'),
    );
    expect(n('f7xr0@conference.localhost')).not.toEqual(n());
  });
  it("N-FLOW: other flows' rooms among a form field's options are dropped; this flow's room is not", () => {
    const f = (...j: string[]) =>
      parse(
        `<iq type="result"><command xmlns="http://jabber.org/protocol/commands"><x xmlns="jabber:x:data" type="form"><field type="list-multi" var="rooms">${j.map((x) => `<option label="${x}"><value>${x}</value></option>`).join('')}</field></x></command></iq>`,
      );
    const n = (...j: string[]) => normaliseStanzas([f(...j)], sent, 'f7x');
    expect(n('f3xr1@conference.localhost', 'f7xr0@conference.localhost')).toEqual(
      n('f7xr0@conference.localhost'),
    );
    expect(n('f7xr0@conference.localhost')).not.toEqual(n());
    expect(n('f7xr0@conference.localhost')).not.toEqual(n('f7xr1@conference.localhost'));
  });
  it('N-SESSION: an ad-hoc sessionid is equal to any other; the node, status and a missing sessionid are not', () => {
    const c = (attrs: string) =>
      `<iq type="result"><command xmlns="http://jabber.org/protocol/commands" ${attrs}/></iq>`;
    same(
      [c('node="n" sessionid="abc" status="executing"')],
      [c('node="n" sessionid="x-y-z" status="executing"')],
    );
    differ(
      [c('node="n" sessionid="abc" status="executing"')],
      [c('node="n" sessionid="abc" status="completed"')],
    );
    differ([c('node="n" sessionid="abc"')], [c('node="m" sessionid="abc"')]);
    differ([c('node="n" sessionid="abc"')], [c('node="n"')]);
  });
  it('N-ROOMINFO: the field order of a muc#roominfo form is ignored; a value, a missing field and another form type are not', () => {
    const ft = (t: string) => `<field var="FORM_TYPE" type="hidden"><value>${t}</value></field>`;
    const f = (v: string, value: string) => `<field var="${v}"><value>${value}</value></field>`;
    const info = (...fields: string[]) =>
      `<iq type="result"><query xmlns="http://jabber.org/protocol/disco#info"><x xmlns="jabber:x:data" type="result">${fields.join('')}</x></query></iq>`;
    const ri = ft('http://jabber.org/protocol/muc#roominfo');
    same([info(ri, f('a', '1'), f('b', '2'))], [info(ri, f('b', '2'), f('a', '1'))]);
    differ([info(ri, f('a', '1'), f('b', '2'))], [info(ri, f('b', '2'), f('a', '0'))]);
    differ([info(ri, f('a', '1'), f('b', '2'))], [info(ri, f('a', '1'))]);
    const other = ft('urn:example:other');
    differ([info(other, f('a', '1'), f('b', '2'))], [info(other, f('b', '2'), f('a', '1'))]);
  });
  it("N-CMD: an ad-hoc command's actions and form in either order; their content, and one name's own order, are kept", () => {
    const cmd = (...kids: string[]) =>
      `<iq type="result"><command xmlns="http://jabber.org/protocol/commands" node="n">${kids.join('')}</command></iq>`;
    const actions = '<actions execute="complete"><complete/></actions>';
    const form = '<x xmlns="jabber:x:data" type="form"><title>T</title></x>';
    same([cmd(actions, form)], [cmd(form, actions)]);
    differ([cmd(actions, form)], [cmd(form)]);
    differ([cmd(actions, form)], [cmd('<actions execute="next"><complete/></actions>', form)]);
    const n1 = '<note type="info">a</note>';
    const n2 = '<note type="warn">b</note>';
    differ([cmd(n1, n2)], [cmd(n2, n1)]);
  });
  it("N-ROOMS: several rooms' (and accounts') unavailable presences in any order; one sender's own order, and content, are kept", () => {
    const gone = (room: string, nick: string, status = '') =>
      `<presence from="${room}@conference.localhost/${nick}" to="u@localhost/r" type="unavailable">${status}<x xmlns="${MUC_USER}"><item role="none"/></x></presence>`;
    same([gone('r1', 'a'), gone('r2', 'b')], [gone('r2', 'b'), gone('r1', 'a')]);
    same(
      [gone('r1', 'a'), gone('r1', 'c'), gone('r2', 'b')],
      [gone('r2', 'b'), gone('r1', 'a'), gone('r1', 'c')],
    );
    // one room's presences are N-ROSTER's business: only a difference in content shows there
    differ([gone('r1', 'a'), gone('r2', 'b')], [gone('r1', 'a'), gone('r2', 'b', '<status>x</status>')]);
    differ([gone('r1', 'a'), gone('r2', 'b')], [gone('r1', 'a')]);
    // an account's session that ended tells its directed-presence targets from the same table
    const acct = (status = '') =>
      `<presence from="v@localhost/r" to="u@localhost/r" type="unavailable">${status}</presence>`;
    same([gone('r1', 'a'), acct()], [acct(), gone('r1', 'a')]);
    differ([gone('r1', 'a'), acct()], [acct('<status>x</status>'), gone('r1', 'a')]);
    // an available presence between them ends the run: its place is kept
    const here = pres('z', '<item role="participant"/>');
    differ([gone('r2', 'b'), here, gone('r1', 'a')], [gone('r1', 'a'), here, gone('r2', 'b')]);
  });
  it('N-INVITE: the body and the conference x of an invite in either order; their content, and other messages, are kept', () => {
    const inv = `<x xmlns="${MUC_USER}"><invite from="a@localhost/r"><reason/></invite></x>`;
    const conf = (jid = 'r@conference.localhost') => `<x xmlns="jabber:x:conference" jid="${jid}"/>`;
    const body = (t = 'a invited you') => `<body>${t}</body>`;
    const m = (...kids: string[]) => `<message from="r@conference.localhost">${kids.join('')}</message>`;
    same([m(inv, conf(), body())], [m(inv, body(), conf())]);
    same(
      [m(inv, conf(), body(), '<delay xmlns="urn:xmpp:delay" stamp="x"/>')],
      [m(inv, body(), conf(), '<delay xmlns="urn:xmpp:delay" stamp="y"/>')],
    );
    differ([m(inv, conf(), body())], [m(inv, body('b invited you'), conf())]);
    differ([m(inv, conf(), body())], [m(inv, body(), conf('other@conference.localhost'))]);
    differ([m(inv, conf(), body())], [m(inv, body())]);
    // not an invite: the order of a message's children still counts
    differ([m(conf(), body())], [m(body(), conf())]);
  });
  it('N-TIME: the utc of a time answer is ignored; its offset is not', () => {
    const t = (utc: string, tzo = '+00:00') =>
      `<iq type="result"><time xmlns="urn:xmpp:time"><tzo>${tzo}</tzo><utc>${utc}</utc></time></iq>`;
    same([t('2008-08-22T21:09:04Z')], [t('2026-11-30T00:00:00Z')]);
    differ([t('2008-08-22T21:09:04Z')], [t('2008-08-22T21:09:04Z', '+01:00')]);
  });
  it('empty text is no XML (<value></value> is <value/>); a non-empty value is a difference', () => {
    const v = parse('<x><value/></x>');
    const withEmpty = parse('<x><value/></x>');
    withEmpty.getChild('value')!.children.push('');
    expect(normaliseStanzas([withEmpty], sent)).toEqual(normaliseStanzas([v], sent));
    differ(['<x><value/></x>'], ['<x><value>0</value></x>']);
  });
  it('N-ARCHIVE: MAM result ids, RSM first/last ids and the order of the RSM set are ignored; the count, a missing first, a queryid and the forwarded message are not', () => {
    const page = (id: string, set: string, body = 'one', qid = 'q') => [
      `<message><result xmlns="urn:xmpp:mam:2" queryid="${qid}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0"><message><body>${body}</body></message></forwarded></result></message>`,
      `<iq type="result"><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm">${set}</set></fin></iq>`,
    ];
    same(
      page('aaa', '<first>aaa</first><last>aaa</last><count>1</count>'),
      page('bbb', '<count>1</count><first>bbb</first><last>bbb</last>'),
    );
    differ(
      page('aaa', '<first>aaa</first><count>1</count>'),
      page('aaa', '<first>aaa</first><count>2</count>'),
    );
    differ(page('aaa', '<first>aaa</first><count>1</count>'), page('aaa', '<count>1</count>'));
    differ(page('aaa', '<count>1</count>'), page('aaa', '<count>1</count>', 'two'));
    differ(page('aaa', '<count>1</count>'), page('aaa', '<count>1</count>', 'one', 'other'));
    // first before last is not a hash order to hide: both kept, by name
    differ(page('aaa', '<first>a</first>'), page('aaa', '<last>a</last>'));
  });
});
