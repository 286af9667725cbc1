#!/usr/bin/env bash
# CPU profile of the real server under closed-loop chat load: every thread, with Java, native (ONNX Runtime,
# ND4J) and kernel frames, by async-profiler (Maven Central) attached to the running server with jcmd.
# See docs/benchmarks.md, "Fifth look". Not part of ./chatbot test. Builds nothing: run
#   mvn -B -o -q -pl chatbot-core,chatbot-web,chatbot-bench package -DskipTests
# first. Usage: scripts/profile-server.sh [embedded|redis]
# Environment: WARMUP (100: seconds of closed-loop load before the profile starts), PROFILE_SECONDS (40),
# EVENT (cpu; itimer where perf events are not allowed), PORT (18080).
# Writes target/profile/server.collapsed (one line per distinct stack, the thread first, then the sample count)
# and prints each thread group's share of the samples.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STORE=${1:-embedded}
PORT=${PORT:-18080}
WARMUP=${WARMUP:-100}
PROFILE_SECONDS=${PROFILE_SECONDS:-40}
AP_VERSION=4.1
OUT=target/profile
mkdir -p "$OUT"
LIB="$OUT/async-profiler-$AP_VERSION/linux-x64/libasyncProfiler.so"
if [ ! -f "$LIB" ]; then
  mvn -B -q -N dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$OUT"
  mkdir -p "$OUT/async-profiler-$AP_VERSION"
  (cd "$OUT/async-profiler-$AP_VERSION" && unzip -q -o "../async-profiler-$AP_VERSION.jar" 'linux-x64/*')
fi
LIB=$(realpath "$LIB")
COLLAPSED=$(realpath "$OUT")/server.collapsed

DATA=$(mktemp -d /tmp/chatbot-profile-data.XXXXXX)
CP="chatbot-bench/target/classes:chatbot-core/target/classes:$(cat chatbot-bench/target/classpath.txt)"
SECRET=profile-webhook-secret
STORE_ARGS=(--store "$STORE")
REDIS_PID=
SERVER_PID=
LOAD_PID=
cleanup() {
  local status=$?
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  sleep 1
  rm -rf "$DATA" || true
  exit "$status"
}
trap cleanup EXIT
if [ "$STORE" = redis ]; then
  REDIS_PORT=${REDIS_PORT:-16390}
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync everysec \
    --dir "$DATA" --daemonize no >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  STORE_ARGS+=(--redis-url "redis://127.0.0.1:$REDIS_PORT" --chatbot.store.redis-key-prefix="profile$$")
  sleep 1
fi

# the same server and limits as scripts/service-bench.sh load
CHATBOT_WEBHOOK_GENERIC_SECRET=$SECRET CHATBOT_CONSOLE_ADMIN_PASSWORD=profile-admin-password java -Xmx2g \
  -jar chatbot-web/target/chatbot-web.jar --port "$PORT" --data-dir "$DATA" "${STORE_ARGS[@]}" \
  --chatbot.limits.messages-per-conversation-per-minute=1000000 \
  --chatbot.limits.requests-per-client-per-minute=100000000 >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done

# closed-loop chat load without the in-process windows, long enough to outlast warm-up and profile
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark load \
  --url "http://127.0.0.1:$PORT" --model models/current --messages training-data/test.csv \
  --seconds "$PROFILE_SECONDS" --warmup "$WARMUP" --rounds 2 --fractions 0.5 --baseline false >"$OUT/load.txt" 2>&1 &
LOAD_PID=$!
echo "load running (log: $OUT/load.txt); profile starts in $((WARMUP + 10)) s and lasts $PROFILE_SECONDS s"
sleep $((WARMUP + 10)) # the warm-up, and about 10 s to put 2,000 conversations under way before it
# jcmd parses name=value pairs itself: the agent's options go through quoted
jcmd "$SERVER_PID" JVMTI.agent_load "$LIB" "\"start,event=${EVENT:-cpu},interval=1ms,threads\"" >/dev/null
sleep "$PROFILE_SECONDS"
jcmd "$SERVER_PID" JVMTI.agent_load "$LIB" "\"stop,file=$COLLAPSED,collapsed,threads\"" >/dev/null
grep -E '^(round|chat warm-up)' "$OUT/load.txt" || true
echo "collapsed stacks: $COLLAPSED"
# share of the samples per thread group (thread names without their numbers)
awk '{ n = $NF; total += n; t = $0; sub(/;.*/, "", t); gsub(/^\[|\]$| tid=[0-9]+/, "", t); sub(/[-_#]?[0-9]+$/, "", t);
       group[t] += n }
     END { for (t in group) printf "%6.1f%%  %s\n", 100 * group[t] / total, t; printf "%d samples\n", total > "/dev/stderr" }' \
  "$COLLAPSED" | sort -rn | head -15
