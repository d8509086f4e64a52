// Scripts generated for the page bench (never copied): a MUC conversation of a given number of steps,
// and a long script (about `lines` lines) for typing in.

const HEADER = `# Generated for the page bench
[Client] Romeo
	jid: romeo@localhost
	password: password

[Client] Juliet
	jid: juliet@localhost
	password: password

-----

Romeo connects

Juliet connects

Romeo sends:
	<presence to="bench@conference.localhost/Romeo">
		<x xmlns="http://jabber.org/protocol/muc"/>
	</presence>

Romeo receives:
	<presence from="bench@conference.localhost/Romeo"/>

Romeo receives:
	<message type="groupchat" from="bench@conference.localhost"><subject/></message>

Romeo sends:
	<iq type="set" id="create1" to="bench@conference.localhost">
		<query xmlns="http://jabber.org/protocol/muc#owner">
			<x xmlns="jabber:x:data" type="submit"/>
		</query>
	</iq>

Romeo receives:
	<iq type="result" id="create1" from="bench@conference.localhost"/>

Juliet sends:
	<presence to="bench@conference.localhost/Juliet">
		<x xmlns="http://jabber.org/protocol/muc"/>
	</presence>

Juliet receives:
	<presence from="bench@conference.localhost/Romeo"/>

Juliet receives:
	<presence from="bench@conference.localhost/Juliet"/>

Juliet receives:
	<message type="groupchat" from="bench@conference.localhost"><subject/></message>

Romeo receives:
	<presence from="bench@conference.localhost/Juliet"/>
`;
/** Steps in HEADER. */
const HEADER_STEPS = 12;

function round(i: number): string {
  const who = i % 2 === 0 ? 'Romeo' : 'Juliet';
  return `
# Round ${i + 1}
${who} sends:
	<message type="groupchat" to="bench@conference.localhost">
		<body>Line ${i + 1}</body>
	</message>

Romeo receives:
	<message type="groupchat" from="bench@conference.localhost/${who}">
		<body>Line ${i + 1}</body>
	</message>

Juliet receives:
	<message type="groupchat" from="bench@conference.localhost/${who}">
		<body>Line ${i + 1}</body>
	</message>
`;
}

/** A script of exactly `steps` steps (at least the 12 of the header; rounds of 3, then disconnects). */
export function conversationScript(steps: number): string {
  let out = HEADER;
  let n = HEADER_STEPS;
  let i = 0;
  while (n + 3 <= steps - 2) {
    out += round(i++);
    n += 3;
  }
  out += '\nRomeo disconnects\n';
  n++;
  while (n < steps) {
    out += '\nJuliet disconnects\n';
    n++;
    if (n < steps) {
      out += '\nJuliet connects\n';
      n++;
    }
  }
  return out;
}

/** A conversation script of about `lines` lines. */
export function longScript(lines: number): string {
  let out = HEADER;
  let i = 0;
  while (out.split('\n').length < lines - 2) out += round(i++);
  return out + '\nRomeo disconnects\n';
}
