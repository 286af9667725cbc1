#!/usr/bin/env bash
# The test command (README): installs what the tests need when it is missing (Debian packages
# redis-server, chromium, chromium-driver), starts Redis on a free port, and runs every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 6399)
workdir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$workdir" --daemonize yes \
  --pidfile "$workdir/redis.pid" --logfile "$workdir/redis.log"
cleanup() {
  local status=$?
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 1 50); do [ -f "$workdir/redis.pid" ] && kill -0 "$(cat "$workdir/redis.pid")" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$workdir" 2>/dev/null || true
  exit "$status"
}
trap cleanup EXIT
for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
export CHATBOT_TEST_REDIS_URL="redis://127.0.0.1:$port"
echo "test: redis-server on $CHATBOT_TEST_REDIS_URL"

mvn -B verify "$@"
