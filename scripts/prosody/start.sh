#!/usr/bin/env bash
# `npm run prosody`: a real Prosody 0.12 on loopback, the oracle the playground is checked against.
#   WebSocket  ws://127.0.0.1:${SCS_PROSODY_PORT:-5280}/xmpp-websocket   (RFC 7395, any Origin)
#   c2s (TCP)  127.0.0.1:${SCS_PROSODY_C2S_PORT:-5222}                   (xmpp://127.0.0.1:5222)
#   users      anything@localhost with any password; on secure.localhost every login fails
#   services   conference.localhost (MUC), pubsub.localhost, upload.localhost
# State lives in $SCS_PROSODY_DIR (default /tmp/scs-prosody): prosody.log, prosody.pid, data/.
# Storage is in memory, so restart.sh gives a clean server. Idempotent: a running server is kept.
# SCS_PROSODY_RECORD=1 records every session as a .scs script under $SCS_PROSODY_DIR/data/scansion/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SCS_PROSODY_DIR=${SCS_PROSODY_DIR:-/tmp/scs-prosody}
export SCS_PROSODY_PORT=${SCS_PROSODY_PORT:-5280}
export SCS_PROSODY_C2S_PORT=${SCS_PROSODY_C2S_PORT:-5222}
probe="http://127.0.0.1:$SCS_PROSODY_PORT/xmpp-websocket"
url="ws://127.0.0.1:$SCS_PROSODY_PORT/xmpp-websocket"
# alive: the process exists and is not a zombie (a daemon's parent may be slow to reap it).
alive() { [ -r "/proc/$1/status" ] && ! grep -q "^State:[[:space:]]*Z" "/proc/$1/status"; }

if ! command -v prosody >/dev/null; then
  echo "prosody is not installed (Debian: apt-get install -y prosody)" >&2
  exit 1
fi
pid=$(cat "$SCS_PROSODY_DIR/prosody.pid" 2>/dev/null || true)
if [ -n "$pid" ] && alive "$pid"; then
  echo "prosody already running (pid $pid) at $url"
  exit 0
fi

mkdir -p "$SCS_PROSODY_DIR/data"
rm -f "$SCS_PROSODY_DIR/prosody.pid"
# -D: daemonize; the config reads SCS_PROSODY_* from the environment.
prosody -D --config "$here/prosody.cfg.lua" >>"$SCS_PROSODY_DIR/stdout.log" 2>&1
for _ in $(seq 1 200); do
  # mod_websocket answers a plain HTTP GET with a short page once the server is up.
  if curl -fsS -o /dev/null "$probe" 2>/dev/null; then
    echo "prosody up at $url, c2s 127.0.0.1:$SCS_PROSODY_C2S_PORT (pid $(cat "$SCS_PROSODY_DIR/prosody.pid" 2>/dev/null))"
    exit 0
  fi
  sleep 0.05
done
echo "prosody did not come up within 10 s; log: $SCS_PROSODY_DIR/prosody.log" >&2
tail -20 "$SCS_PROSODY_DIR/prosody.log" >&2 || true
exit 1
