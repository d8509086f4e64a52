// Five MUC flows driven through a live session, as a user would type them in the live console: join and
// leave, groupchat, private message, kick, room configuration. Used to capture transcripts from a real
// server (tests/tools/live-capture.ts) and by the recorder's tests. Each flow takes its own room name so
// replays on one server never meet an earlier room.
import type { LiveSession } from './liveSession';

export interface LiveFlow {
  name: string;
  title: string;
  drive(live: LiveSession, room: string): Promise<void>;
}

const MUC = 'http://jabber.org/protocol/muc';
const ROMEO = { name: 'Romeo', jid: 'romeo@localhost', password: 'password' };
const JULIET = { name: 'Juliet', jid: 'juliet@localhost', password: 'password' };

async function step(live: LiveSession, client: string, xml: string): Promise<void> {
  await live.send(client, xml);
  await live.idle();
}

/** Romeo creates the room and accepts the default configuration (an instant room, XEP-0045 10.1.2). */
async function create(live: LiveSession, room: string): Promise<void> {
  await live.connect(ROMEO);
  await step(live, 'Romeo', `<presence to='${room}/Romeo'><x xmlns='${MUC}'/></presence>`);
  await step(
    live,
    'Romeo',
    `<iq type='set' to='${room}' id='create1'><query xmlns='${MUC}#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
  );
}

async function bothJoin(live: LiveSession, room: string): Promise<void> {
  await create(live, room);
  await live.connect(JULIET);
  await step(live, 'Juliet', `<presence to='${room}/Juliet'><x xmlns='${MUC}'/></presence>`);
}

export const LIVE_FLOWS: LiveFlow[] = [
  {
    name: 'join-leave',
    title: 'MUC: two occupants join, one leaves',
    async drive(live, room) {
      await bothJoin(live, room);
      await step(live, 'Juliet', `<presence type='unavailable' to='${room}/Juliet'/>`);
      live.markQuiet('Juliet');
      await live.disconnect('Juliet');
      await live.disconnect('Romeo');
    },
  },
  {
    name: 'groupchat',
    title: 'MUC: a groupchat message reaches every occupant',
    async drive(live, room) {
      await bothJoin(live, room);
      await step(
        live,
        'Romeo',
        `<message type='groupchat' to='${room}' id='gc1'>\n  <body>Wherefore art thou?</body>\n</message>`,
      );
      await step(
        live,
        'Juliet',
        `<message type='groupchat' to='${room}' id='gc2'><body>Here.</body></message>`,
      );
      await live.disconnect('Juliet');
      await live.disconnect('Romeo');
    },
  },
  {
    name: 'private-message',
    title: 'MUC: a private message to one occupant',
    async drive(live, room) {
      await bothJoin(live, room);
      await step(
        live,
        'Romeo',
        `<message type='chat' to='${room}/Juliet' id='pm1'><body>Psst</body></message>`,
      );
      live.markQuiet('Romeo');
      await live.disconnect('Juliet');
      await live.disconnect('Romeo');
    },
  },
  {
    name: 'kick',
    title: 'MUC: a moderator kicks an occupant',
    async drive(live, room) {
      await bothJoin(live, room);
      await step(
        live,
        'Romeo',
        `<iq type='set' to='${room}' id='kick1'>\n  <query xmlns='${MUC}#admin'>\n    <item nick='Juliet' role='none'><reason>Banished</reason></item>\n  </query>\n</iq>`,
      );
      live.markQuiet('Juliet');
      await live.disconnect('Juliet');
      await live.disconnect('Romeo');
    },
  },
  {
    name: 'room-config',
    title: 'MUC: the owner makes the room members-only; a non-member cannot join',
    async drive(live, room) {
      await live.connect(ROMEO);
      await step(live, 'Romeo', `<presence to='${room}/Romeo'><x xmlns='${MUC}'/></presence>`);
      await step(
        live,
        'Romeo',
        `<iq type='set' to='${room}' id='config1'>
  <query xmlns='${MUC}#owner'>
    <x xmlns='jabber:x:data' type='submit'>
      <field var='FORM_TYPE'><value>${MUC}#roomconfig</value></field>
      <field var='muc#roomconfig_roomname'><value>Verona</value></field>
      <field var='muc#roomconfig_membersonly'><value>1</value></field>
    </x>
  </query>
</iq>`,
      );
      await live.connect(JULIET);
      await step(live, 'Juliet', `<presence to='${room}/Juliet'><x xmlns='${MUC}'/></presence>`);
      live.markQuiet('Romeo');
      await live.disconnect('Juliet');
      await live.disconnect('Romeo');
    },
  },
];
