#!/usr/bin/env bash
# Redis restart during traffic (docs/reliability.md): the server on Redis keeps running while Redis is stopped
# (SIGTERM, so it finishes its append-only file) and started again on the same directory 5 s later; the
# client writes throughout with a patience of 30 s; then every acknowledged message must be in its history.
# Readiness is read 1 s into the outage and polled after Redis is back (how long until the server is ready).
# Build first: mvn -B -o -q -pl chatbot-core,chatbot-web,chatbot-bench package -DskipTests
# Environment: PORT (18080), REDIS_PORT (16391), OUTAGE seconds (5).
set -euo pipefail
# the server and the harness share the metrics scrape token (/actuator/prometheus needs it)
export CHATBOT_METRICS_SCRAPE_TOKEN=${CHATBOT_METRICS_SCRAPE_TOKEN:-bench-scrape-token}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/server-java-opts.sh
PORT=${PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16391}
OUT=${OUT:-target/service-bench}
mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/chatbot-redis-restart.XXXXXX)
CP="chatbot-bench/target/classes:$(cat chatbot-bench/target/classpath.txt)"
JAVA="java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
REDIS_PID=
SERVER_PID=
start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync always \
    --dir "$DATA" >>"$OUT/redis-restart-redis.log" 2>&1 &
  REDIS_PID=$!
  until redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do sleep 0.02; done
}
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  sleep 1
  rm -rf "$DATA"
}
trap cleanup EXIT

start_redis
java $SERVER_JAVA_OPTS -jar chatbot-web/target/chatbot-web.jar --port "$PORT" --data-dir "$DATA/server" --store redis \
  --redis-url "redis://127.0.0.1:$REDIS_PORT" --chatbot.limits.messages-per-conversation-per-minute=1000000 \
  --chatbot.limits.requests-per-client-per-minute=100000000 >"$OUT/redis-restart-server.log" 2>&1 &
SERVER_PID=$!
until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.5; done
echo "server $SERVER_PID on Redis $REDIS_PID ready"
$JAVA -cp "$CP" dev.chatbot.bench.AckLedger write --url "http://127.0.0.1:$PORT" --ledger "$OUT/acks-redis-restart.tsv" \
  --patience 30 --duration 30 &
WRITER=$!
readiness() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/actuator/health/readiness" || true
}
sleep 8
echo "$(date -u +%T.%3N) stopping Redis (SIGTERM)"
kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true
echo "$(date -u +%T.%3N) Redis has exited"
sleep 1
echo "$(date -u +%T.%3N) readiness 1 s into the outage: $(readiness) $(curl -s --max-time 2 "http://127.0.0.1:$PORT/actuator/health/readiness")"
sleep $((${OUTAGE:-5} - 1))
echo "$(date -u +%T.%3N) starting Redis again"
start_redis
BACK=$(date +%s%N)
until [ "$(readiness)" = 200 ]; do sleep 0.05; done
echo "$(date -u +%T.%3N) readiness UP again $(( ($(date +%s%N) - BACK) / 1000000 )) ms after Redis answered"
wait "$WRITER"
echo "readiness after the restart: $(curl -s "http://127.0.0.1:$PORT/actuator/health/readiness")"
$JAVA -cp "$CP" dev.chatbot.bench.AckLedger verify --url "http://127.0.0.1:$PORT" --ledger "$OUT/acks-redis-restart.tsv"
# grep -c exits 1 when it counts 0, which under pipefail failed the script exactly when the log was clean
echo "server log ERROR lines: $(grep -c " ERROR " "$OUT/redis-restart-server.log" || true)"
