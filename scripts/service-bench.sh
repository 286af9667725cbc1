#!/usr/bin/env bash
# Service load and fault runs against a real server on 127.0.0.1 (see docs/service-benchmarks.md, "Service load and
# faults", and docs/reliability.md). Not part of ./chatbot test. Builds nothing: run
#   mvn -B -o -q -pl chatbot-core,chatbot-web,chatbot-bench package -DskipTests
# first (this checkout's chatbot-core classes are put first on the harness's class path, so an older
# chatbot-core jar named in chatbot-bench/target/classpath.txt is not what runs).
# Usage: scripts/service-bench.sh load|sse|kill|swap|webhook-down|profile [embedded|redis], scripts/service-bench.sh scale redis
# Environment: SECONDS_PER_RUN (20), PORT (18080), SERVER_ARGS (extra server flags, e.g.
# "--chatbot.limits.classification-threads=4"), SERVER_JAR (chatbot-web/target/chatbot-web.jar, e.g. an older
# build to compare with), WARMUP (60; 120 for load: seconds of server warm-up before measuring), ROUNDS (3, load:
# alternating in-process / chat API saturation rounds), FRACTIONS (open-loop rates as
# fractions of the closed-loop maximum), FIRST_MESSAGE (true: a conversation starts with its first message, as
# the widget does; false: started empty beside the measured traffic) for load and scale, COMPARE (true: load
# also measures the other way in every round, alternating), CONNECTIONS (5000) and RATE (50) for sse; RATE (80), THREADS (8), SWAPS
# (4) and EVERY (12 s between swaps) for swap; for webhook-down RECEIVER_PORT (PORT + 1), BEFORE (20), OUTAGE
# (60), AFTER (20) seconds and INTERVAL_MS (500); for profile WARMUP (100: seconds of closed-loop load before the
# profile), PROFILE_SECONDS (40) and EVENT (cpu; itimer where perf events are not allowed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MODE=${1:-load}
STORE=${2:-embedded}
PORT=${PORT:-18080}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
SECRET=bench-webhook-secret
# the server and the harness share the metrics scrape token (/actuator/prometheus needs it)
export CHATBOT_METRICS_SCRAPE_TOKEN=${CHATBOT_METRICS_SCRAPE_TOKEN:-bench-scrape-token}
OUT=${OUT:-target/service-bench}
mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/chatbot-bench-data.XXXXXX)
CP="chatbot-bench/target/classes:chatbot-core/target/classes:$(cat chatbot-bench/target/classpath.txt)"
# SERVER_JAVA_OPTS for the server; BENCH_JAVA for the harness, which runs the in-process baseline with the server's
# heap and collector, so the ratio compares the same code under the same JVM settings
. scripts/server-java-opts.sh
# the rate limits (per conversation 20/min, per client address 300/min by default) and the caps on open
# conversations and event streams per address would answer 429 to a load generator on one address: raised here,
# and said so in the write-up
LIMITS=(--chatbot.limits.messages-per-conversation-per-minute=1000000
        --chatbot.limits.requests-per-client-per-minute=100000000
        --chatbot.limits.open-conversations-per-address=100000000
        --chatbot.limits.streams-per-address=100000000)
STORE_ARGS=(--store "$STORE")
REDIS_PID=
if [ "$STORE" = redis ]; then
  REDIS_PORT=${REDIS_PORT:-16390}
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync everysec \
    --dir "$DATA" --daemonize no >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  STORE_ARGS+=(--redis-url "redis://127.0.0.1:$REDIS_PORT" --chatbot.store.redis-key-prefix="bench$$")
  sleep 1
fi

# 5,000 streams need 5,000+ descriptors in the server and in the client
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open file limit: $(ulimit -n); cores: $(nproc); $(uname -srm)"

SERVER_PID=
ADMIN_PASSWORD=bench-admin-password   # the console's first admin, created in the fresh data directory
start_server() {
  # the GC log (wall-clock times) lines up with the seconds the harness prints for slow requests
  CHATBOT_WEBHOOK_GENERIC_SECRET=$SECRET CHATBOT_CONSOLE_ADMIN_PASSWORD=$ADMIN_PASSWORD java $SERVER_JAVA_OPTS \
    "-Xlog:gc:file=$OUT/gc-$MODE-$STORE${LOG_SUFFIX:-}.log:time,uptime" \
    -jar "${SERVER_JAR:-chatbot-web/target/chatbot-web.jar}" \
    --port "$PORT" --data-dir "$DATA" "${STORE_ARGS[@]}" "${LIMITS[@]}" ${SERVER_ARGS:-} "$@" >>"$OUT/server-$MODE-$STORE${LOG_SUFFIX:-}.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
      echo "server pid $SERVER_PID ready on port $PORT (resident $(grep VmRSS /proc/$SERVER_PID/status | tr -s ' '))"
      return 0
    fi
    sleep 0.5
  done
  echo "server did not become ready" >&2
  return 1
}
MODELS_DIR=
LOAD_PID=
cleanup() {
  local status=$? # the run's own result: a check that failed must fail the script, and only that
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  sleep 1
  rm -rf "$DATA" || true
  if [ -n "$MODELS_DIR" ]; then rm -rf "$MODELS_DIR" || true; fi
  exit "$status"
}
trap cleanup EXIT

case "$MODE" in
  load)
    start_server
    $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark load --url "http://127.0.0.1:$PORT" \
      --model models/current --messages training-data/test.csv --secret "$SECRET" --seconds "$SECONDS_PER_RUN" \
      --warmup "${WARMUP:-120}" --fractions "${FRACTIONS:-0.25,0.5,0.75,0.9}" --rounds "${ROUNDS:-3}" \
      --first-message "${FIRST_MESSAGE:-true}" --compare "${COMPARE:-false}"
    echo "server resident after the run: $(grep -E 'VmRSS|VmHWM' /proc/$SERVER_PID/status | tr -s ' ' | tr '\n' ' ')"
    ;;
  sse)
    start_server
    $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark sse --url "http://127.0.0.1:$PORT" \
      --messages training-data/test.csv --pid "$SERVER_PID" --connections "${CONNECTIONS:-5000}" \
      --rate "${RATE:-50}" --seconds "$SECONDS_PER_RUN" --warmup "${WARMUP:-60}"
    ;;
  kill)
    # SIGKILL during traffic, restart on the same data, every acknowledged message must be there
    for round in 1 2 3; do
      start_server
      $BENCH_JAVA -cp "$CP" dev.chatbot.bench.AckLedger write --url "http://127.0.0.1:$PORT" \
        --ledger "$OUT/acks-$STORE-$round.tsv" &
      WRITER=$!
      sleep $((5 + round * 3))
      echo "round $round: kill -9 $SERVER_PID during traffic"
      kill -9 "$SERVER_PID"
      wait "$SERVER_PID" 2>/dev/null || true
      wait "$WRITER"
      start_server
      $BENCH_JAVA -cp "$CP" dev.chatbot.bench.AckLedger verify --url "http://127.0.0.1:$PORT" \
        --ledger "$OUT/acks-$STORE-$round.tsv"
      kill "$SERVER_PID"
      wait "$SERVER_PID" 2>/dev/null || true
      SERVER_PID=
    done
    ;;
  scale)
    # scale-out: the same load against one instance, then against two instances over the same Redis, requests
    # round-robin between them (each instance its own data directory, as on separate machines; the conversation
    # token key shared through the environment, as a deployment must)
    if [ "$STORE" != redis ]; then
      echo "scale needs the redis store: scripts/service-bench.sh scale redis" >&2
      exit 2
    fi
    CHATBOT_SECURITY_TOKENKEY=$(head -c 32 /dev/urandom | base64)
    export CHATBOT_SECURITY_TOKENKEY
    start_server
    FIRST_PID=$SERVER_PID
    echo "== one instance (port $PORT)"
    $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark load --url "http://127.0.0.1:$PORT" \
      --model models/current --messages training-data/test.csv --seconds "$SECONDS_PER_RUN" \
      --warmup "${WARMUP:-60}" --fractions "${FRACTIONS:-0.5}" --first-message "${FIRST_MESSAGE:-true}"
    DATA2=$(mktemp -d /tmp/chatbot-bench-data2.XXXXXX)
    PORT=$((PORT + 1)) DATA=$DATA2 LOG_SUFFIX=-2 start_server   # the assignments hold for this call only
    SECOND_PID=$SERVER_PID
    SERVER_PID=$FIRST_PID   # the one the exit trap stops
    echo "== two instances (ports $PORT and $((PORT + 1)), one Redis)"
    $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark load \
      --url "http://127.0.0.1:$PORT,http://127.0.0.1:$((PORT + 1))" \
      --model models/current --messages training-data/test.csv --seconds "$SECONDS_PER_RUN" \
      --warmup "${WARMUP:-60}" --fractions "${FRACTIONS:-0.5}" --first-message "${FIRST_MESSAGE:-true}"
    for pid in $FIRST_PID $SECOND_PID; do
      echo "server $pid resident: $(grep -E 'VmRSS|VmHWM' /proc/$pid/status | tr -s ' ' | tr '\n' ' ')"
    done
    kill "$SECOND_PID"
    wait "$SECOND_PID" 2>/dev/null || true
    rm -rf "$DATA2"
    ;;
  webhook-down)
    # the generic webhook's callback receiver (run by WebhookOutage) is down for a minute during traffic;
    # WebhookOutage reads the server log for the failed attempts, so it starts empty
    RECEIVER_PORT=${RECEIVER_PORT:-$((PORT + 1))}
    LOG="$OUT/server-$MODE-$STORE.log"
    : >"$LOG"
    start_server --chatbot.webhook.generic.callback-url="http://127.0.0.1:$RECEIVER_PORT/callback"
    $BENCH_JAVA -cp "$CP" dev.chatbot.bench.WebhookOutage --url "http://127.0.0.1:$PORT" --secret "$SECRET" \
      --receiver-port "$RECEIVER_PORT" --admin-password "$ADMIN_PASSWORD" --server-log "$LOG" \
      --before "${BEFORE:-20}" --outage "${OUTAGE:-60}" --after "${AFTER:-20}" --interval-ms "${INTERVAL_MS:-500}"
    ;;
  swap)
    # model promotions and a rollback during steady chat traffic (docs/reliability.md, "Model swap during load").
    # A repository of its own with two versions: the shipped model (A) and a copy of it under a new version id
    # (B; manifest.json names its version and is not among the checksummed files, so the copy is complete).
    MODELS_DIR=$(mktemp -d /tmp/chatbot-bench-models.XXXXXX)
    A=$(basename "$(readlink -f models/current)")
    B="v$(date -u +%Y%m%d-%H%M%S)-${A##*-}"
    cp -r "models/$A" "$MODELS_DIR/$A"
    cp -r "models/$A" "$MODELS_DIR/$B"
    sed -i "s/\"version\" : \"$A\"/\"version\" : \"$B\"/" "$MODELS_DIR/$B/manifest.json"
    # what ./chatbot models runs once it is built (./chatbot itself would build and install first)
    CLI="java ${JAVA_OPTS_CLI:--Xmx4g -XX:+UseParallelGC} -cp chatbot-core/target/classes:$(cat chatbot-core/target/classpath.txt) dev.chatbot.cli.Main"
    $CLI models promote "$A" --models "$MODELS_DIR"
    $CLI models list --models "$MODELS_DIR"
    : >"$OUT/server-$MODE-$STORE.log"
    start_server --model "$MODELS_DIR/current"
    RESULT=0
    $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ModelSwapUnderLoad --url "http://127.0.0.1:$PORT" --pid "$SERVER_PID" \
      --models "$MODELS_DIR" --versions "$A,$B" --data-dir "$DATA" --cli "$CLI" --messages training-data/test.csv \
      --rate "${RATE:-80}" --threads "${THREADS:-8}" --swaps "${SWAPS:-4}" --every "${EVERY:-12}" || RESULT=$?
    echo "server log: $(grep -c ' ERROR ' "$OUT/server-$MODE-$STORE.log" || true) ERROR lines; swaps logged:"
    grep -E 'Swapped intent model|Now serving intent model|Promoted model not loaded' "$OUT/server-$MODE-$STORE.log" | sed 's/^.*\] //' || true
    exit "$RESULT"
    ;;
  profile)
    # CPU samples of every server thread with Java, native (ONNX Runtime, ND4J) and kernel frames, by
    # async-profiler (Maven Central) attached with jcmd after the warm-up (docs/service-benchmarks.md, "Service load");
    # writes $OUT/profile-$STORE.collapsed (one line per distinct stack: the thread, the frames, the samples)
    AP_VERSION=4.1
    AP_DIR="$OUT/async-profiler-$AP_VERSION"
    if [ ! -f "$AP_DIR/linux-x64/libasyncProfiler.so" ]; then
      mvn -B -q -N dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$OUT"
      mkdir -p "$AP_DIR"
      (cd "$AP_DIR" && unzip -q -o "../async-profiler-$AP_VERSION.jar" 'linux-x64/*')
    fi
    LIB=$(realpath "$AP_DIR/linux-x64/libasyncProfiler.so")
    COLLAPSED="$(realpath "$OUT")/profile-$STORE.collapsed"
    WARMUP=${WARMUP:-100}
    PROFILE_SECONDS=${PROFILE_SECONDS:-40}
    start_server
    # closed-loop chat load without in-process windows, one round outlasting the profile
    $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark load --url "http://127.0.0.1:$PORT" \
      --model models/current --messages training-data/test.csv --seconds "$((PROFILE_SECONDS + 20))" \
      --warmup "$WARMUP" --rounds 1 --fractions 0.5 --baseline false >"$OUT/profile-load-$STORE.txt" 2>&1 &
    LOAD_PID=$!
    echo "profile starts in $((WARMUP + 10)) s (the warm-up, and about 10 s to put 2,000 conversations under way)"
    sleep $((WARMUP + 10))
    # jcmd parses name=value pairs itself: the agent's options go through quoted
    jcmd "$SERVER_PID" JVMTI.agent_load "$LIB" "\"start,event=${EVENT:-cpu},interval=1ms,threads\"" >/dev/null
    sleep "$PROFILE_SECONDS"
    jcmd "$SERVER_PID" JVMTI.agent_load "$LIB" "\"stop,file=$COLLAPSED,collapsed,threads\"" >/dev/null
    grep -E '^(round|chat warm-up)' "$OUT/profile-load-$STORE.txt" || true
    echo "collapsed stacks: $COLLAPSED"
    # each thread group's share of the samples (thread names without their numbers)
    awk '{ n = $NF; total += n; t = $0; sub(/;.*/, "", t); gsub(/^\[|\]$| tid=[0-9]+/, "", t); sub(/[-_#]?[0-9]+$/, "", t);
           group[t] += n }
         END { for (t in group) printf "%6.1f%%  %s\n", 100 * group[t] / total, t; printf "%d samples\n", total > "/dev/stderr" }' \
      "$COLLAPSED" | sort -rn | head -15
    ;;
  *)
    echo "usage: $0 load|sse|kill|swap|webhook-down|profile [embedded|redis] or $0 scale redis" >&2
    exit 2
    ;;
esac
