#!/usr/bin/env bash
# A year of a busy shop's traffic, measured (docs/service-benchmarks.md, "A year of traffic"). Not part of ./chatbot test.
# Builds nothing: run  mvn -B -o -q -pl chatbot-core,chatbot-web,chatbot-bench package -DskipTests  first.
# Usage: scripts/year-bench.sh [all|generate|size|start|console|load|load-empty|retention|redis]
#   generate   writes YEAR_DB once (DAYS x PER_DAY conversations through the store's API, simulated clock; kept)
#   size       database file, conversations, events, bytes per conversation
#   start      time to healthy and resident memory when idle: an empty database, then YEAR_DB, RUNS times each
#   console    on YEAR_DB: what an agent and an admin wait for (queue, transcripts, Insights and the CSV download
#              of the last 30 days)
#   load       on a copy of YEAR_DB: the chat API's throughput / in-process classification and p99 at half of the
#              maximum (the service-bench method), resident memory under load; load-empty: the same on an empty
#              database, as a baseline
#   retention  on a copy of YEAR_DB: the server's own retention sweep of the oldest month (days = DAYS - 30), SWEEP_AFTER
#              (150) s after its start, while chat runs at half of its maximum measured right before (or RATE
#              messages/s), latency in 5 s windows, and the median and worst window p99 before, during and after the
#              sweep (its start and end from the server's log)
#   redis      the same traffic into a private redis-server for REDIS_DAYS days: memory per conversation, at the
#              steady state of a 180-day retention, and after a retention sweep of the older half
# Environment: YEAR_DB (target/year-db), DAYS (365), PER_DAY (3000), PORT (18180), RUNS (3), ROUNDS (3),
# SECONDS_PER_RUN (15), WARMUP (120), RATE, REDIS_DAYS (10). On a shared machine run the timing steps under a lock
# the other benchmarks take too (flock <lock file> scripts/year-bench.sh load).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STEP=${1:-all}
YEAR_DB=${YEAR_DB:-target/year-db}
DAYS=${DAYS:-365}
PER_DAY=${PER_DAY:-3000}
PORT=${PORT:-18180}
OUT=${OUT:-target/year-bench}
mkdir -p "$OUT"
CP="chatbot-bench/target/classes:chatbot-core/target/classes:$(cat chatbot-bench/target/classpath.txt)"
. scripts/server-java-opts.sh
ADMIN_PASSWORD=bench-admin-password
# one client address sends everything: the per-address and per-conversation limits are raised, as in service-bench;
# the server's own retention sweep stays off unless a step turns it on
SERVER_FLAGS=(--chatbot.limits.messages-per-conversation-per-minute=1000000
              --chatbot.limits.requests-per-client-per-minute=100000000
              --chatbot.limits.open-conversations-per-address=100000000
              --chatbot.limits.streams-per-address=100000000)
RETENTION_FLAGS=(--chatbot.retention.days=0)

SERVER_PID=
SAMPLER_PID=
TEMP_DIRS=()
cleanup() {
  local status=$?
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  for d in "${TEMP_DIRS[@]}"; do rm -rf "$d"; done
  exit "$status"
}
trap cleanup EXIT

# start_server <data dir> <log name> [flags...]: prints the milliseconds to healthy
start_server() {
  local data=$1 name=$2; shift 2
  local begin; begin=$(date +%s%N)
  CHATBOT_CONSOLE_ADMIN_PASSWORD=$ADMIN_PASSWORD java $SERVER_JAVA_OPTS \
    "-Xlog:gc:file=$OUT/gc-$name.log:time,uptime" -jar chatbot-web/target/chatbot-web.jar --port "$PORT" --data-dir "$data" "${SERVER_FLAGS[@]}" "${RETENTION_FLAGS[@]}" "$@" >"$OUT/server-$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
      echo $(( ($(date +%s%N) - begin) / 1000000 ))
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died, see $OUT/server-$name.log" >&2; return 1; }
    sleep 0.05
  done
  echo "server did not become healthy" >&2
  return 1
}
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# samples the server's resident memory every second into $1 until killed
sample_rss() { while kill -0 "$SERVER_PID" 2>/dev/null; do rss_mb "$SERVER_PID" >>"$1"; echo >>"$1"; sleep 1; done; }
max_of() { sort -n "$1" | tail -1; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

generate() {
  if [ -f "$YEAR_DB/chatbot.db" ]; then
    echo "== $YEAR_DB exists: kept (delete it to generate again)"
    return 0
  fi
  echo "== generating $DAYS days x $PER_DAY conversations into $YEAR_DB (written without fsync: a load, not a test)"
  java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.chatbot.bench.YearOfTraffic \
    --store embedded --data-dir "$YEAR_DB" --days "$DAYS" --per-day "$PER_DAY" --threads 8
}

size() {
  echo "== size of $YEAR_DB"
  ls -l "$YEAR_DB"
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$YEAR_DB/chatbot.db" "SELECT printf('%d conversations, %d events (%.1f each), %d bytes per conversation',
      count(*), sum(last_seq), sum(last_seq) * 1.0 / count(*),
      (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size) / count(*)) FROM conversation"
  else
    echo "(install sqlite3 for the counts)"
  fi
}

start() {
  echo "== time to healthy and idle resident memory: empty database vs $YEAR_DB, ${RUNS:-3} runs each"
  for db in empty year; do
    : >"$OUT/healthy-$db.txt"; : >"$OUT/idle-$db.txt"
    for run in $(seq 1 "${RUNS:-3}"); do
      if [ "$db" = empty ]; then
        data=$(mktemp -d /tmp/year-bench-empty.XXXXXX); TEMP_DIRS+=("$data")
      else
        data=$YEAR_DB
      fi
      start_server "$data" "start-$db-$run" >"$OUT/ms"
      ms=$(cat "$OUT/ms")
      sleep 10
      echo "$ms" >>"$OUT/healthy-$db.txt"
      rss_mb "$SERVER_PID" >>"$OUT/idle-$db.txt"; echo >>"$OUT/idle-$db.txt"
      echo "$db run $run: healthy after $ms ms, resident $(rss_mb "$SERVER_PID") MB 10 s later"
      stop_server
    done
    echo "$db: time to healthy median $(median <"$OUT/healthy-$db.txt") ms, idle resident median $(grep . "$OUT/idle-$db.txt" | median) MB"
  done
}

# a copy of YEAR_DB in a temporary directory (steps that write keep the year as it was generated)
copy_of_year() {
  COPY=$(mktemp -d /tmp/year-bench-copy.XXXXXX); TEMP_DIRS+=("$COPY")
  cp "$YEAR_DB"/chatbot.db* "$COPY"/
}

console() {
  echo "== the console on $YEAR_DB: queue, transcripts, Insights and the CSV download of the last 30 days"
  start_server "$YEAR_DB" console >"$OUT/ms"
  echo "healthy after $(cat "$OUT/ms") ms"
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$YEAR_DB/chatbot.db" "SELECT id FROM conversation ORDER BY random() LIMIT 2000" >"$OUT/ids.txt"
  fi
  $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ConsoleProbe --url "http://127.0.0.1:$PORT" --user admin \
    --password "$ADMIN_PASSWORD" --ids "$OUT/ids.txt" | tee "$OUT/console.txt"
  echo "server resident after the console: $(rss_mb "$SERVER_PID") MB; VmHWM $(hwm_mb "$SERVER_PID") MB"
  stop_server
}

load() {
  local copy
  if [ "${1:-year}" = empty ]; then
    copy=$(mktemp -d /tmp/year-bench-empty.XXXXXX); TEMP_DIRS+=("$copy")
    echo "== chat load on an empty database (the baseline of the same session)"
  else
    copy_of_year; copy=$COPY
    echo "== chat load on a copy of $YEAR_DB ($copy)"
  fi
  start_server "$copy" load >"$OUT/ms"
  echo "healthy after $(cat "$OUT/ms") ms"
  : >"$OUT/rss-load.txt"
  sample_rss "$OUT/rss-load.txt" & SAMPLER_PID=$!
  $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark load --url "http://127.0.0.1:$PORT" \
    --model models/current --messages training-data/test.csv --seconds "${SECONDS_PER_RUN:-15}" \
    --warmup "${WARMUP:-120}" --fractions 0.5 --rounds "${ROUNDS:-3}" | tee "$OUT/load.txt"
  echo "server resident under load: max $(max_of "$OUT/rss-load.txt") MB of $(grep -c . "$OUT/rss-load.txt") samples; VmHWM $(hwm_mb "$SERVER_PID") MB"
  kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=
  stop_server
}

retention() {
  copy_of_year; local copy=$COPY
  echo "== retention sweep of the oldest month on a copy of $YEAR_DB ($copy)"
  local keep=$((DAYS - 30))
  RETENTION_FLAGS=("--chatbot.retention.days=$keep" "--chatbot.retention.first-sweep-delay=${SWEEP_AFTER:-150}s")
  start_server "$copy" retention >"$OUT/ms"
  ms=$(cat "$OUT/ms")
  echo "healthy after $ms ms; the server sweeps conversations idle for more than $keep days ${SWEEP_AFTER:-150} s after its start"
  local rate=(--fraction 0.5)
  [ -n "${RATE:-}" ] && rate=(--rate "$RATE")
  $BENCH_JAVA -cp "$CP" dev.chatbot.bench.ServiceLoadBenchmark steady --url "http://127.0.0.1:$PORT" \
    --messages training-data/test.csv "${rate[@]}" --seconds "${STEADY_SECONDS:-210}" --warmup 60 | tee "$OUT/retention.txt"
  if grep -q -E 'Retention: deleted' "$OUT/server-retention.log"; then
    grep -E 'Retention: deleted' "$OUT/server-retention.log" | sed 's/^.*Retention/Retention/' | tee -a "$OUT/retention.txt"
  else
    echo "the sweep had not finished when the chat stopped (raise STEADY_SECONDS); no phases" | tee -a "$OUT/retention.txt"
  fi
  sweep_phases "$keep" | tee -a "$OUT/retention.txt"
  echo "server resident: $(rss_mb "$SERVER_PID") MB; VmHWM $(hwm_mb "$SERVER_PID") MB"
  stop_server
}

# the chat windows' p99 before, during and after the sweep (its start is its cutoff + <kept days>, its end the start +
# its duration); a window (5 s, its start logged to the second) that overlaps the sweep counts as during it
hms() { date -u -d "@$(( $1 / 1000 )).$(printf %03d $(( $1 % 1000 )))" +%T.%1N; }
sweep_phases() {
  local line; line=$(grep -E 'Retention: deleted' "$OUT/server-retention.log" | tail -1 || true)
  [ -n "$line" ] || return 0
  local cutoff ms; cutoff=$(sed -E 's/.*last active before ([^ ]+) in .*/\1/' <<<"$line"); ms=$(sed -E 's/.* in ([0-9]+) ms.*/\1/' <<<"$line")
  # milliseconds since the epoch
  local start=$(( $(date -u -d "$cutoff" +%s%3N) + $1 * 86400000 )); local end=$(( start + ms ))
  local day; day=$(date -u -d "@$(( start / 1000 ))" +%F)
  local phase
  for phase in before during after; do
    grep -E '^[0-9:]+ chat [0-9]+/s' "$OUT/retention.txt" | while read -r at _; do
      local t; t=$(date -u -d "$day $at" +%s000)
      local p99; p99=$(grep -E "^$at chat" "$OUT/retention.txt" | sed -E 's/.* p99 +([0-9.]+) ms.*/\1/')
      if { [ "$phase" = before ] && [ $((t + 5000)) -le "$start" ]; } ||
         { [ "$phase" = after ] && [ "$t" -ge "$end" ]; } ||
         { [ "$phase" = during ] && [ $((t + 5000)) -gt "$start" ] && [ "$t" -lt "$end" ]; }; then
        echo "$p99"
      fi
    done >"$OUT/p99-$phase.txt"
    if [ -s "$OUT/p99-$phase.txt" ]; then
      echo "chat p99 $phase the sweep (from $(hms "$start") to $(hms "$end")): median of" \
        "$(grep -c . "$OUT/p99-$phase.txt") windows $(median <"$OUT/p99-$phase.txt") ms, worst $(max_of "$OUT/p99-$phase.txt") ms"
    else
      echo "chat p99 $phase the sweep: no window (the sweep started before the chat windows or outlasted them;" \
        "raise SWEEP_AFTER or STEADY_SECONDS)"
    fi
  done
}

redis() {
  local dir; dir=$(mktemp -d /tmp/year-bench-redis.XXXXXX); TEMP_DIRS+=("$dir")
  local port=$((PORT + 10))
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  sleep 1
  local before; before=$(redis-cli -p "$port" info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')
  java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.chatbot.bench.YearOfTraffic --store redis \
    --redis-url "redis://127.0.0.1:$port" --days "${REDIS_DAYS:-10}" --per-day "$PER_DAY" --threads 8
  local after; after=$(redis-cli -p "$port" info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')
  local conversations=$(( ${REDIS_DAYS:-10} * PER_DAY ))
  local per=$(( (after - before) / conversations ))
  echo "Redis: $(( (after - before) / 1048576 )) MB for $conversations conversations = $per bytes per conversation;"
  echo "steady state with a 180-day retention at $PER_DAY a day: $(( per * PER_DAY * 180 / 1048576 )) MB"
  redis-cli -p "$port" info memory | grep -E '^(used_memory_human|used_memory_rss_human|mem_fragmentation_ratio):'
  # the retention sweep frees the memory of what it deletes: the older half goes
  local keep=$(( ${REDIS_DAYS:-10} / 2 ))
  java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "chatbot-core/target/classes:$(cat chatbot-core/target/classpath.txt)" \
    dev.chatbot.cli.Main retention --store redis --redis-url "redis://127.0.0.1:$port" --days "$keep"
  echo "after the sweep: $(redis-cli -p "$port" info memory | awk -F: '/^used_memory_human:/ {print $2}' | tr -d '\r') used"
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
}

case "$STEP" in
  all) generate; size; start; console; load; retention; redis ;;
  generate|size|start|console|load|retention|redis) "$STEP" ;;
  load-empty) load empty ;;
  *) echo "usage: $0 [all|generate|size|start|console|load|load-empty|retention|redis]" >&2; exit 2 ;;
esac
