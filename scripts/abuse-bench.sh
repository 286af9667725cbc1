#!/usr/bin/env bash
# "Abuse while serving" (see docs/reliability.md): customers at half the chat API's closed-loop maximum, first
# alone, then while one address sends adversarial texts at its allowed rate, holds event streams up to its caps,
# queues conversations up to its cap and loops wrong passwords against /login; an agent logs in and claims the
# next conversation every few seconds meanwhile. The server runs with its default limits and trusts 127.0.0.1 as
# its reverse proxy, so the harness can speak for many customer addresses (X-Forwarded-For). Not part of
# ./chatbot test. Builds nothing: run
#   mvn -B -o -q -pl chatbot-core,chatbot-web,chatbot-bench package -DskipTests
# first. Usage: scripts/abuse-bench.sh [embedded|redis]
# Environment: SECONDS_PER_RUN (30: each measured window), WARMUP (30), PORT (18180), ATTACKER_RATE (5 requests/s:
# the default 300 per minute per address), SERVER_ARGS (extra server flags).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/server-java-opts.sh

STORE=${1:-embedded}
PORT=${PORT:-18180}
OUT=${OUT:-target/abuse-bench}
mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/chatbot-abuse-data.XXXXXX)
CP="chatbot-bench/target/classes:chatbot-core/target/classes:$(cat chatbot-bench/target/classpath.txt)"
ADMIN_PASSWORD=bench-admin-password
STORE_ARGS=(--store "$STORE")
REDIS_PID=
SERVER_PID=
cleanup() {
  local status=$?
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  sleep 1
  rm -rf "$DATA"
  exit $status
}
trap cleanup EXIT
if [ "$STORE" = redis ]; then
  REDIS_PORT=${REDIS_PORT:-16391}
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --dir "$DATA" --daemonize no >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  STORE_ARGS+=(--redis-url "redis://127.0.0.1:$REDIS_PORT" --chatbot.store.redis-key-prefix="abuse$$")
  sleep 1
fi
echo "cores: $(nproc); $(uname -srm)"
CHATBOT_CONSOLE_ADMIN_PASSWORD=$ADMIN_PASSWORD java $SERVER_JAVA_OPTS -jar chatbot-web/target/chatbot-web.jar \
  --port "$PORT" --data-dir "$DATA" "${STORE_ARGS[@]}" --chatbot.limits.trusted-proxies=127.0.0.1 \
  ${SERVER_ARGS:-} >"$OUT/server-$STORE.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "server did not become ready" >&2; exit 1; }
echo "server pid $SERVER_PID ready on port $PORT ($STORE store, default limits, trusted proxy 127.0.0.1)"
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark abuse \
  --url "http://127.0.0.1:$PORT" --seconds "${SECONDS_PER_RUN:-30}" --warmup "${WARMUP:-30}" \
  --attacker-rate "${ATTACKER_RATE:-5}" --admin-password "$ADMIN_PASSWORD" | tee "$OUT/abuse-$STORE.txt"
