// The script shown when there is no autosave, no link and the gallery cannot be reached.
export const DEFAULT_SCRIPT = `# Ping the server
# Romeo connects, pings his server and expects an empty result.

[Client] Romeo
	jid: romeo@localhost
	password: password

-----

Romeo connects

# Ping
Romeo sends:
	<iq type="get" id="ping-1" to="localhost">
		<ping xmlns="urn:xmpp:ping"/>
	</iq>

Romeo receives:
	<iq type="result" id="ping-1" from="localhost"/>

Romeo disconnects
`;

export const DEFAULT_FILE = 'ping.scs';
