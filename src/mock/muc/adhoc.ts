// Prosody's MUC ad-hoc commands (XEP-0050, mod_adhoc + mod_muc): "Destroy Rooms" and "Set
// affiliation in room", for service admins only. A command with a form is executed at once (no
// session round-trip), as muc_create_destroy.scs relies on (MUC-ADHOC-*).
import type { Element } from 'ltx';
import { add, child, el, elements, errorReply, NS_COMMANDS, NS_DATA, reply } from './xml';
import { readForm, renderForm, type Layout } from './dataforms';
import type { Room } from './room';
import { destroyRoom } from './owner';
import { setAffiliation } from './affiliations';

export const DESTROY_NODE = 'http://prosody.im/protocol/muc#destroy';
export const SET_AFFILIATION_NODE = 'http://prosody.im/protocol/muc#set-affiliation';

const DESTROY_LAYOUT: Layout = {
  title: 'Destroy rooms',
  instructions: 'Select the rooms to destroy',
  fields: [
    { name: 'FORM_TYPE', type: 'hidden', value: DESTROY_NODE },
    { name: 'rooms', type: 'list-multi', required: true, label: 'Rooms to destroy:' },
  ],
};

const SET_AFFILIATION_LAYOUT: Layout = {
  title: 'Set affiliation',
  fields: [
    { name: 'FORM_TYPE', type: 'hidden', value: SET_AFFILIATION_NODE },
    { name: 'room', type: 'jid-single', required: true, label: 'Room' },
    { name: 'jid', type: 'jid-single', required: true, label: 'JID' },
    {
      name: 'affiliation',
      type: 'list-single',
      required: true,
      label: 'Affiliation',
      options: ['owner', 'admin', 'member', 'none', 'outcast'],
    },
    { name: 'reason', type: 'text-single' },
  ],
};

export interface AdhocHost {
  isAdmin(jid: string): boolean;
  rooms(): Room[];
  room(jid: string): Room | undefined;
  newSessionId(): string;
  send(stanza: Element): void;
}

let sessionCounter = 0;

/** iq-set/host/commands:command. Returns false for unknown nodes (the caller answers). */
export function handleCommand(host: AdhocHost, stanza: Element): boolean {
  const cmd = elements(stanza)[0];
  const node = cmd?.attrs.node;
  if (node !== DESTROY_NODE && node !== SET_AFFILIATION_NODE) return false;
  const sessionid = cmd.attrs.sessionid ?? host.newSessionId() ?? `s${++sessionCounter}`;
  const cmdtag = (status: string) => el('command', { xmlns: NS_COMMANDS, node, status, sessionid });
  if (!host.isAdmin(stanza.attrs.from!)) {
    const r = errorReply(stanza, 'auth', 'forbidden', {
      text: "You don't have permission to execute this command",
    });
    add(
      r,
      add(
        el('command', { xmlns: NS_COMMANDS, node, status: 'canceled' }),
        el('note', { type: 'error' }, "You don't have permission to execute this command"),
      ),
    );
    host.send(r);
    return true;
  }
  const form = child(cmd, 'x', NS_DATA);
  const layout = node === DESTROY_NODE ? DESTROY_LAYOUT : SET_AFFILIATION_LAYOUT;
  let out: Element;
  if (cmd.attrs.action === 'cancel') {
    out = cmdtag('canceled');
  } else if (!form) {
    out = cmdtag('executing');
    const values =
      node === DESTROY_NODE
        ? {
            rooms: host
              .rooms()
              .map((r) => r.jid)
              .sort(),
          }
        : undefined;
    add(out, el('actions', { execute: 'complete' }, el('next'), el('complete')));
    const rendered = renderForm(layout);
    if (values) {
      const f = elements(rendered).find((c) => c.attrs.var === 'rooms')!;
      for (const v of values.rooms) add(f, add(el('option', { label: v }), el('value', {}, v)));
    }
    add(out, rendered);
  } else {
    const data = readForm(layout, form);
    const errors = Object.entries(data.errors);
    if (errors.length > 0) {
      out = add(
        cmdtag('completed'),
        el('note', { type: 'error' }, errors.map(([f, e]) => `${f}: ${e}`).join('\n')),
      );
    } else if (node === DESTROY_NODE) {
      const destroyed: string[] = [];
      for (const jid of (data.values.rooms as string[]) ?? []) {
        const room = host.room(jid);
        if (room) {
          destroyRoom(room);
          destroyed.push(room.jid);
        }
      }
      out = add(
        cmdtag('completed'),
        el('note', { type: 'info' }, `The following rooms were destroyed:\n${destroyed.join('\n')}`),
      );
    } else {
      const room = host.room(String(data.values.room));
      if (!room) {
        out = add(cmdtag('canceled'), el('note', { type: 'error' }, 'No such room'));
      } else {
        const r = setAffiliation(room, {
          actor: true,
          jid: String(data.values.jid),
          affiliation: String(data.values.affiliation),
          reason: data.values.reason as string | undefined,
        });
        out = r.ok
          ? add(cmdtag('completed'), el('note', { type: 'info' }, 'Affiliation updated'))
          : add(
              cmdtag('canceled'),
              el('note', { type: 'error' }, `Affiliation change failed: ${r.type}:${r.condition}`),
            );
      }
    }
  }
  host.send(add(reply(stanza), out));
  return true;
}
