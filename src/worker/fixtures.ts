// Scripts the run worker's tests run (written here for them).
export const PING = `# Ping
[Client] Romeo
	jid: romeo@localhost
	password: password

-----

Romeo connects

Romeo sends:
	<iq type="get" id="ping-1" to="localhost">
		<ping xmlns="urn:xmpp:ping"/>
	</iq>

Romeo receives:
	<iq type="result" id="ping-1" from="localhost"/>

Romeo disconnects
`;

/** The same with a wrong expectation at step 2. */
export const PING_FAILING = PING.replace('<iq type="result" id="ping-1"', '<iq type="error" id="ping-1"');

/** A script of `n` pings (2n + 2 steps). */
export function manyPings(n: number): string {
  let body = '';
  for (let i = 0; i < n; i++)
    body += `Romeo sends:\n\t<iq type="get" id="p${i}" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>\n\nRomeo receives:\n\t<iq type="result" id="p${i}" from="localhost"/>\n\n`;
  return `[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n-----\n\nRomeo connects\n\n${body}Romeo disconnects\n`;
}
