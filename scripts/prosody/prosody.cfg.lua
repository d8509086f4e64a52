-- The playground's Prosody: Prosody's own scansion test configuration (the settings the corpus was
-- written against: insecure auth, memory storage, frozen clock, the same modules and components),
-- plus what a browser playground needs: WebSocket (RFC 7395) on loopback, any Origin, plain ws://.
-- start.sh exports SCS_PROSODY_DIR (data, pid, log), SCS_PROSODY_PORT (HTTP/WebSocket) and
-- SCS_PROSODY_C2S_PORT (XMPP over TCP); SCS_PROSODY_RECORD=1 enables mod_scansion_record.

-- Frozen clock, as in Prosody's test config: corpus scripts expect these exact timestamps.
function _G.os.time()
	return 1219439344;
end
package.preload["util.time"] = function ()
	return {
		now = function () return 1219439344.1; end;
		monotonic = function () return 0.1; end;
	}
end

local dir = os.getenv("SCS_PROSODY_DIR") or "/tmp/scs-prosody"
local http_port = tonumber(os.getenv("SCS_PROSODY_PORT") or "5280")
local c2s_port = tonumber(os.getenv("SCS_PROSODY_C2S_PORT") or "5222")

-- Test containers run as root; Prosody refuses that unless told.
run_as_root = true
data_path = dir .. "/data"
pidfile = dir .. "/prosody.pid"
log = { { levels = { min = "info" }, to = "file", filename = dir .. "/prosody.log" } }

admins = { "admin@localhost" }

local modules = {
	-- Prosody's scansion test set, in its order.
	"roster"; "saslauth"; "disco";
	"carbons"; "pep"; "private"; "blocklist"; "vcard4"; "vcard_legacy";
	"version"; "uptime"; "time"; "ping"; "register"; "mam";
	"server_contact_info"; "lastactivity"; "external_services";
	"tombstones"; "user_account_management";
	-- Ours: XMPP over WebSocket, what the page speaks.
	"websocket";
}
if os.getenv("SCS_PROSODY_RECORD") == "1" then
	table.insert(modules, "scansion_record")
end
modules_enabled = modules
modules_disabled = { "s2s"; }

-- Loopback only: nothing here is meant to be reachable from elsewhere.
interfaces = { "127.0.0.1" }
c2s_ports = { c2s_port }
http_ports = { http_port }
http_interfaces = { "127.0.0.1" }
https_ports = {}
-- The page is served from another origin (vite's port) and speaks plain ws://.
consider_websocket_secure = true
cross_domain_websocket = true

contact_info = {
	abuse = { "mailto:abuse@localhost", "xmpp:abuse@localhost" };
	admin = { "mailto:admin@localhost", "xmpp:admin@localhost" };
	feedback = { "http://localhost/feedback.html", "mailto:feedback@localhost", "xmpp:feedback@localhost" };
	sales = { "xmpp:sales@localhost" };
	security = { "xmpp:security@localhost" };
	status = { "gopher://status.localhost" };
	support = { "https://localhost/support.html", "xmpp:support@localhost" };
}

external_service_host = "default.example"
external_service_port = 9876
external_service_secret = "<secret>"
external_services = {
	{type = "stun"; transport = "udp"};
	{type = "turn"; transport = "udp"; secret = true};
	{type = "turn"; transport = "udp"; secret = "foo"};
	{type = "ftp"; transport = "tcp"; port = 2121; username = "john"; password = "password"};
	{type = "ftp"; transport = "tcp"; host = "ftp.example.com"; port = 21; username = "john"; password = "password"};
}

-- No TLS in tests; point the certificate indexer at our dir to keep it quiet.
certificates = dir
allow_registration = false
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "insecure"
insecure_open_authentication = "Yes please, I know what I'm doing!"
storage = "memory"
mam_smart_enable = true
bounce_blocked_messages = true

VirtualHost "localhost"
hide_os_type = true -- version.scs checks that the OS is not disclosed

-- Checks passwords and has no accounts: every login fails with not-authorized. For testing how the
-- runner reports authentication failures.
VirtualHost "secure.localhost"
authentication = "internal_hashed"

Component "conference.localhost" "muc"
	storage = "memory"
	admins = { "Admin@localhost" }
	modules_enabled = { "muc_mam"; }

Component "pubsub.localhost" "pubsub"
	storage = "memory"
	expose_publisher = true

Component "upload.localhost" "http_file_share"
http_file_share_size_limit = 10000000
http_file_share_allowed_file_types = { "text/plain", "image/*" }
