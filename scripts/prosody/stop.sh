#!/usr/bin/env bash
# Stop the Prosody that start.sh started in $SCS_PROSODY_DIR (by its pid file). Quiet if none runs.
set -uo pipefail
dir=${SCS_PROSODY_DIR:-/tmp/scs-prosody}
alive() { [ -r "/proc/$1/status" ] && ! grep -q "^State:[[:space:]]*Z" "/proc/$1/status"; }
pid=$(cat "$dir/prosody.pid" 2>/dev/null || true)
[ -n "$pid" ] || exit 0
kill "$pid" 2>/dev/null || { rm -f "$dir/prosody.pid"; exit 0; }
# A graceful stop closes every stream; give it 5 s, then kill.
for _ in $(seq 1 100); do
  alive "$pid" || { rm -f "$dir/prosody.pid"; exit 0; }
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
rm -f "$dir/prosody.pid"
