#!/usr/bin/env bash
# The benchmark: builds the jar, starts PostgreSQL and the service, drives it with wrk over loopback, measures
# PostgreSQL's own ceiling with pgbench on the same tables in the same run, and prints a markdown report
# (also written to bench/out/report.md, with a chart in bench/out/chart.svg).
#
#   bench/run.sh            full run: 5M sessions / 50M events (and their workflows) loaded, 8 s per load scenario
#                           (9.5-24 min, depending on the machine)
#   bench/run.sh --quick    50k sessions / 500k events, 2 s per scenario, a shorter JIT warm-up, no class archive, no
#                           restart on the loaded database, the extra instances started during the reads and
#                           compiled by C1 alone: a smoke test of the whole script (under 2 minutes here), whose
#                           figures are a service's still warming up
#   bench/run.sh --publish  also copy the report and chart into docs/ (docs/benchmarks.md, docs/benchmarks.svg)
#
# PostgreSQL: by default the service's own embedded one (started by the service, data in bench/out/pgdata,
# created fresh). With SPRING_DATASOURCE_URL (jdbc:postgresql://host:port/db, plus SPRING_DATASOURCE_USERNAME /
# _PASSWORD) it uses that database instead; its tables are emptied first, so give it a scratch database.
# Needs: java 17+, wrk, pgbench and psql (Debian: apt-get install -y wrk postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/out
export BENCH_WRK=$ROOT/bench/wrk

QUICK=false PUBLISH=false BUILD=true
for arg in "$@"; do
  case $arg in
    --quick) QUICK=true ;;
    --publish) PUBLISH=true ;;
    --no-build) BUILD=false ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
# WARM_MIN / WARM_MAX: rounds of JIT warm-up (see below), CONTROL_WARM: the control's (seconds a round, minimum and
# maximum rounds); the quick run is a smoke test, its figures a JIT's still warming up.
if $QUICK; then
  SESSIONS=${SESSIONS:-50000} EVENTS=10 DURATION=2 PGB_DURATION=2 SWEEP_LOAD=4 WARM_MIN=2 WARM_MAX=2
  CONTROL_WARM="2 2 2"
else
  SESSIONS=${SESSIONS:-5000000} EVENTS=10 DURATION=8 PGB_DURATION=8 SWEEP_LOAD=40 WARM_MIN=15 WARM_MAX=40
  CONTROL_WARM="3 3 10"
fi
SHORT=$(( DURATION < 5 ? DURATION : 5 ))   # the control and end: 5 s (end must not use up its pool)
HOT=20000 ENDPOOL=$($QUICK && echo 20000 || echo 60000) CONNECTIONS=${CONNECTIONS:-16} THREADS=2
export HOT_SESSIONS=$HOT READ_KEY=bench-read-key USERS=$((SESSIONS / 25)) END_SLICE=$((ENDPOOL / THREADS / 2))
APP_PORT=28080 APP2_PORT=28081 APP3_PORT=28082 PG_PORT=28091
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS--Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75}   # as the README recommends

for tool in wrk pgbench psql curl "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install -y wrk postgresql-client)" >&2; exit 1; }
done

log() { printf '\n== [%d s] %s\n' "$SECONDS" "$*" >&2; }
mkdir -p "$OUT"
RESULTS=$OUT/results.txt CPU_RESULTS=$OUT/cpu-results.txt
: > "$RESULTS"; : > "$CPU_RESULTS"
PIDS=()
# CPU time the hypervisor gave to other guests ("steal", /proc/stat), read at the start and the end: a machine's slow
# hours show there (run 11 of docs/benchmarks.md loaded the data 24% slower than the run 42 minutes before it).
cpu_stat() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9 }' /proc/stat; }
read -r CPU_TOTAL0 CPU_STEAL0 < <(cpu_stat)
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# ---- build -------------------------------------------------------------------------------------------------
if $BUILD || [ ! -f "$OUT/app.jar" ]; then
  log "building the jar"
  ./mvnw -B -q -DskipTests package
  cp target/session-tracker-*.jar "$OUT/app.jar"   # a copy, so a later build cannot change the running jar
fi
# As the README recommends for production: the jar extracted (no nested-jar class loading) with the archive of a
# training run that stops once the context is up: a CDS archive, or on Java 25+ an AOT cache (about half the
# start-up time either way). The quick run skips the training run (half a minute) and runs the extracted jar alone.
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')
if $QUICK; then
  ARCHIVE_KIND="class data" APP_RUN=()
elif [ "${JAVA_MAJOR%%.*}" -ge 25 ]; then
  ARCHIVE_KIND="AOT cache" TRAIN=(-XX:AOTCacheOutput="$OUT/app.aot") APP_RUN=(-XX:AOTCache="$OUT/app.aot")
else
  ARCHIVE_KIND="CDS archive" TRAIN=(-XX:ArchiveClassesAtExit="$OUT/app.jsa") APP_RUN=(-XX:SharedArchiveFile="$OUT/app.jsa")
fi
APP_RUN+=(-jar "$OUT/app/app.jar")
log "extracting the jar$($QUICK || echo " and training its $ARCHIVE_KIND")"
rm -rf "$OUT/app" "$OUT/app.jsa" "$OUT/app.aot" "$OUT/cds-train-db"
"$JAVA" -Djarmode=tools -jar "$OUT/app.jar" extract --destination "$OUT/app" >/dev/null
if ! $QUICK; then
  # shellcheck disable=SC2086
  TRACKER_EMBEDDED_DB_DATA_DIR="$OUT/cds-train-db" TRACKER_EMBEDDED_DB_PORT=28092 TRACKER_SCHEDULING_ENABLED=false \
    SERVER_PORT=28083 "$JAVA" $JAVA_OPTS "${TRAIN[@]}" -Dspring.context.exit=onRefresh \
    -jar "$OUT/app/app.jar" > "$OUT/cds-training.log" 2>&1
  rm -rf "$OUT/cds-train-db"
fi

# ---- database ----------------------------------------------------------------------------------------------
if [ -n "${SPRING_DATASOURCE_URL:-}" ]; then
  [[ $SPRING_DATASOURCE_URL =~ ^jdbc:postgresql://([^:/]+)(:([0-9]+))?/([^?]+) ]] \
    || { echo "SPRING_DATASOURCE_URL must look like jdbc:postgresql://host:port/db" >&2; exit 1; }
  export PGHOST=${BASH_REMATCH[1]} PGPORT=${BASH_REMATCH[3]:-5432} PGDATABASE=${BASH_REMATCH[4]}
  export PGUSER=${SPRING_DATASOURCE_USERNAME:-postgres} PGPASSWORD=${SPRING_DATASOURCE_PASSWORD:-}
  DB_URL=$SPRING_DATASOURCE_URL
  DB_KIND="external PostgreSQL $(psql -XAtc 'SHOW server_version')"
  psql -X -q -c "DROP SCHEMA public CASCADE" -c "CREATE SCHEMA public"
else
  # the embedded PostgreSQL's superuser password, which the service sets and pgbench, psql and the second
  # instances give
  export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGDATABASE=postgres PGUSER=postgres PGPASSWORD=bench-local
  DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
  if [ -f "$OUT/pgdata/postmaster.pid" ]; then   # a PostgreSQL left over from an interrupted run
    kill "$(head -1 "$OUT/pgdata/postmaster.pid")" 2>/dev/null || true
    while [ -f "$OUT/pgdata/postmaster.pid" ] && kill -0 "$(head -1 "$OUT/pgdata/postmaster.pid")" 2>/dev/null; do sleep 0.2; done
  fi
  rm -rf "$OUT/pgdata"
fi
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# ---- the service -------------------------------------------------------------------------------------------
# launch_app NAME PORT [ENV=VALUE...]: starts an instance (the first one owns the embedded database); sets NAME_PID.
launch_app() {
  local name=$1 port=$2; shift 2
  local -a env=(SERVER_PORT="$port" TRACKER_SECURITY_READ_KEY=$READ_KEY
    TRACKER_LIMITS_PER_CLIENT_RATE=0 TRACKER_LIMITS_GLOBAL_RATE=0
    TRACKER_LIMITS_MAX_ACTIVE_SESSIONS_PER_USER=1000000 TRACKER_LIMITS_MAX_EVENTS_PER_SESSION=1000000000
    TRACKER_SCHEDULING_ENABLED=false)   # jobs run when the benchmark says (POST /api/v1/jobs/NAME)
  if [ -n "${SPRING_DATASOURCE_URL:-}" ] || [ "$name" != app1 ]; then
    env+=(SPRING_DATASOURCE_URL="$DB_URL" SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}")
  else
    env+=(TRACKER_EMBEDDED_DB_DATA_DIR="$OUT/pgdata" TRACKER_EMBEDDED_DB_PORT=$PG_PORT
      TRACKER_EMBEDDED_DB_PASSWORD="$PGPASSWORD")
  fi
  # shellcheck disable=SC2086
  env "${env[@]}" "$@" "$JAVA" $JAVA_OPTS "${APP_RUN[@]}" > "$OUT/$name.log" 2>&1 &
  PIDS+=("$!")
  eval "${name}_PID=$!"
}
# await_app NAME PORT: waits until the instance is ready. It polls without starting a process: a curl and a sleep
# ten times a second took 10 ms of CPU each time (0.5 s over a start-up), 5% of the two cores the starting JVM and
# its PostgreSQL keep busy; twenty alternated start-ups with the AOT cache measured medians of 4.72 s polled with
# curl and 4.44 s polled so (2026-11-29, Intel Xeon).
exec {NAP}<> <(:)   # a pipe nobody writes to: reading it with a timeout sleeps in bash itself
ready() {  # ready PORT: GET /actuator/health/readiness answers 200, through bash's own /dev/tcp
  local fd status
  exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /actuator/health/readiness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&"$fd"
  read -r -t 5 -u "$fd" status
  exec {fd}>&-
  [[ $status == "HTTP/1.1 200"* ]]
}
await_app() {
  local pid; pid=$(eval echo "\$${1}_PID")
  until ready "$2" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "$1 died; see $OUT/$1.log" >&2; tail -30 "$OUT/$1.log" >&2; exit 1; }
    read -r -t 0.1 -u "$NAP" || true   # polling a process we do not control
  done
}
# start_app NAME PORT [ENV=VALUE...]: both of the above; sets STARTED (seconds from launch to ready)
start_app() {
  local t0; t0=$(date +%s.%N)
  launch_app "$@"
  await_app "$1" "$2"
  STARTED=$(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)")
}
stop_app() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
peak_rss_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
run_job() {  # run_job NAME: runs a scheduled job now (POST /api/v1/jobs/NAME); prints its JSON answer
  curl -sf -X POST -H "X-Api-Key: $READ_KEY" "localhost:$APP_PORT/api/v1/jobs/$1"
}
job_field() {  # job_field FIELD JSON: a number (rows, millis) from run_job's answer
  sed "s/.*\"$1\":\([0-9]*\).*/\1/" <<<"$2"
}

# record SCENARIO UNIT THROUGHPUT P50 P99 CEILING NOTE
record() { local IFS='|'; echo "$*" >> "$RESULTS"; }
# record_job SCENARIO UNIT ANSWER [NOTE]: a job's run (run_job's answer) as a row: the rows it did, its milliseconds
record_job() { record "$1" "$2" "$(job_field rows "$3")" "" "" "" "$(job_field millis "$3") ms${4:+, $4}"; }

# CPU accounting, from /proc: clock ticks spent so far by the service (user + system) and by the embedded
# PostgreSQL (the postmaster, its live processes, and those it has reaped: pgbench's backends exit with pgbench).
# An external database's processes may be on another machine, so there it is not measured.
TICK=$(getconf CLK_TCK)
# ticks PID...: their clock ticks (user + system; 0 for a process gone meanwhile), read by bash itself: an awk started
# for each of PostgreSQL's 30-40 processes, twice a scenario, took some 2 s a scenario while two more JVMs started.
ticks() {
  local p f s=0
  for p in "$@"; do
    read -r -a f 2>/dev/null < "/proc/$p/stat" && s=$((s + f[13] + f[14]))
  done
  echo "$s"
}
service_ticks() { ticks "$app1_PID"; }
pg_ticks() {
  [ -z "${SPRING_DATASOURCE_URL:-}" ] || { echo ""; return; }
  local pm f
  read -r pm < "$OUT/pgdata/postmaster.pid"
  read -r -a f < "/proc/$pm/stat"   # its own ticks, and cutime + cstime: the children it has reaped
  # shellcheck disable=SC2046
  echo $((f[13] + f[14] + f[15] + f[16] + $(ticks $(pgrep -P "$pm"))))
}
# per_op_us TICKS_BEFORE TICKS_AFTER OPERATIONS: microseconds of CPU an operation (empty if not measured)
per_op_us() { [ -n "$1" ] && [ -n "$2" ] && echo "($2 - $1) * 1000000 / $TICK / $3" | bc || echo ""; }

# wrk_run SCRIPT [CONNECTIONS] [SECONDS] [PORT]: prints "rps p50 p99 non2xx errors"; with port APP_PORT it also
# leaves the service's and PostgreSQL's CPU microseconds a request in $OUT/cpu.txt ("service_us pg_us")
wrk_run() {
  local script=$1 c=${2:-$CONNECTIONS} d=${3:-$DURATION} port=${4:-$APP_PORT}
  local line s0 g0
  [ "$port" = "$APP_PORT" ] && { s0=$(service_ticks); g0=$(pg_ticks); }
  line=$(WRK_CONNECTIONS=$c wrk -t$THREADS -c"$c" -d"${d}s" --timeout 10s -s "$BENCH_WRK/$script.lua" \
    "http://127.0.0.1:$port" | grep '^RESULT')
  echo "$line" >&2
  local n rest
  read -r n rest < <(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    print v["requests"], v["rps"], v["p50_ms"], v["p99_ms"], v["non2xx"], v["errors"] }' <<<"$line")
  if [ "$port" = "$APP_PORT" ]; then
    echo "$(per_op_us "$s0" "$(service_ticks)" "$n") $(per_op_us "$g0" "$(pg_ticks)" "$n")" > "$OUT/cpu.txt"
  fi
  echo "$rest"
}

# pgbench_run SCRIPT: prints PostgreSQL's transactions a second for that script, and leaves PostgreSQL's CPU
# microseconds a transaction in $OUT/cpu-pgbench.txt
pgbench_run() {
  local out g0; g0=$(pg_ticks)
  out=$(pgbench -n -M prepared -c "$CONNECTIONS" -j $THREADS -T "$PGB_DURATION" -D hot=$HOT \
    -f "$ROOT/bench/pgbench/$1.sql" 2>&1)
  # pgbench is gone; its backends may still be exiting, and their CPU counts once the postmaster has reaped them
  while [ "$(psql -XAtc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgbench'")" != 0 ]; do
    sleep 0.05
  done
  per_op_us "$g0" "$(pg_ticks)" "$(awk '/actually processed/ { split($NF, a, "/"); print a[1] }' <<<"$out")" \
    > "$OUT/cpu-pgbench.txt"
  awk '/^tps/ { print $3; exit }' <<<"$out"
}

# cpu_record SCENARIO [WITH_PGBENCH]: the CPU a request of the scenario just run took, in the service and in
# PostgreSQL, and (with WITH_PGBENCH) PostgreSQL's CPU a transaction of the pgbench ceiling just run
cpu_record() {
  local svc pg; read -r svc pg < "$OUT/cpu.txt"
  echo "$1|$svc|$pg|$([ -n "${2:-}" ] && cat "$OUT/cpu-pgbench.txt")" >> "$CPU_RESULTS"
}

log "starting the service (fresh database)"
start_app app1 $APP_PORT; FIRST_START=$STARTED
[ -z "${SPRING_DATASOURCE_URL:-}" ] && DB_KIND="embedded PostgreSQL $(psql -XAtc 'SHOW server_version')"

log "loading $SESSIONS sessions and $((SESSIONS * EVENTS)) events, with the workflows they record"
t0=$(date +%s)
q -v sessions="$SESSIONS" -v events=$EVENTS -v hot=$HOT -v endpool=$ENDPOOL -f bench/load.sql >/dev/null
t1=$(date +%s)
q -v sessions="$SESSIONS" -v events=$EVENTS -v parts=2 -v part=0 -f bench/load-part.sql &
loader=$!
q -v sessions="$SESSIONS" -v events=$EVENTS -v parts=2 -v part=1 -f bench/load-part.sql
wait $loader
t2=$(date +%s)
q -v table=session_events -v workers=2 -f bench/load-index.sql >/dev/null &
indexer=$!
q -v table=user_sessions -v workers=0 -f bench/load-index.sql >/dev/null
wait $indexer
q -f bench/load-finish.sql >/dev/null
t3=$(date +%s)
LOAD_SECONDS=$((t3 - t0))
LOAD_SPLIT="plan $((t1 - t0)) s, sessions, events and workflows $((t2 - t1)) s, indexes and VACUUM $((t3 - t2)) s"
WORKFLOWS=$(psql -XAtc "SELECT count(*) FROM workflow_executions")
echo "loaded in $LOAD_SECONDS s: $LOAD_SPLIT" >&2

if ! $QUICK; then   # the quick run's small database says little about start-up
  log "restart on the loaded database (start-up time), as a plain jar and as recommended"
  stop_app "$app1_PID"
  APP_RUN_CDS=("${APP_RUN[@]}") APP_RUN=(-jar "$OUT/app.jar")
  start_app app1 $APP_PORT; RESTART_PLAIN=$STARTED
  stop_app "$app1_PID"
  APP_RUN=("${APP_RUN_CDS[@]}")
  start_app app1 $APP_PORT; RESTART=$STARTED
  echo "ready in $RESTART s ($RESTART_PLAIN s as a plain jar)" >&2
fi

# warm SCRIPT SECONDS MIN MAX: runs the scenario in rounds of SECONDS, MIN at least and until two rounds in a row
# gain nothing on the best before them, MAX at most; sets CURVE (requests/s of each round) and ROUNDS
warm() {
  local best=0 flat=0 rps
  ROUNDS=0 CURVE=""
  while [ "$ROUNDS" -lt "$4" ]; do
    ROUNDS=$((ROUNDS + 1))
    read -r rps _ < <(wrk_run "$1" "$CONNECTIONS" "$2" 2>/dev/null)
    CURVE="$CURVE${CURVE:+, }$(printf '%.0f' "$rps")"
    if [ "$(echo "$rps < $best * 1.03" | bc)" = 1 ]; then flat=$((flat + 1)); else flat=0; fi
    [ "$(echo "$rps > $best" | bc)" = 1 ] && best=$rps
    if [ "$ROUNDS" -ge "$3" ] && [ "$flat" -ge 2 ]; then break; fi
  done
}

# ---- ingestion at full speed, and PostgreSQL's ceiling for the same rows ------------------------------------
# On 2 busy cores the JIT needs the better part of a minute of load before throughput stops climbing (a heartbeat
# run measured 0.9k, 1.8k, 2.1k, 2.3k, 2.8k, 3.5k, 4.7k, 4.7k requests/s in consecutive 6-s rounds, with a plateau on
# the way), so the mix runs in 4-s rounds, WARM_MIN at least (a minute in the full run, 8 s in the quick one) and
# until two rounds in a row gain nothing on the best before them, WARM_MAX at most; then (in the full run) every
# scenario once more.
log "warming up the JIT until throughput stops climbing (not measured)"
warm mix 4 "$WARM_MIN" "$WARM_MAX"
WARM_CURVE=$CURVE WARM_SECONDS=$((ROUNDS * 4))
if ! $QUICK; then
  for s in start heartbeat events; do wrk_run $s "$CONNECTIONS" 3 >/dev/null 2>&1; done
  WARM_SECONDS=$((WARM_SECONDS + 9))
fi
# The control's own code (the health endpoint) is not on the mix's path, and it warms as slowly: a fresh instance
# served 2 980, 6 172, 13 794, 15 433 requests/s in consecutive 3-s rounds (an earlier report measured it cold).
read -r CONTROL_ROUND min max <<<"$CONTROL_WARM"
READ_PATH=/actuator/health/liveness warm read "$CONTROL_ROUND" "$min" "$max"
CONTROL_CURVE=$CURVE WARM_SECONDS=$((WARM_SECONDS + ROUNDS * CONTROL_ROUND))
echo "warm after $WARM_SECONDS s; mix requests/s in 4-s rounds: $WARM_CURVE; control in $CONTROL_ROUND-s rounds: $CONTROL_CURVE" >&2

log "start"
read -r rps p50 p99 bad err < <(wrk_run start)
pg=$(pgbench_run start)
record "start" "sessions/s" "$rps" "$p50" "$p99" "$pg" "non-2xx $bad"
cpu_record start pgbench
START_RPS=$rps

log "heartbeat"
read -r rps p50 p99 bad err < <(wrk_run heartbeat)
pg=$(pgbench_run heartbeat)
record "heartbeat" "requests/s" "$rps" "$p50" "$p99" "$pg" "non-2xx $bad"
cpu_record heartbeat pgbench
HB_RPS=$rps

log "control: the HTTP stack alone (no database)"
read -r rps p50 p99 bad err < <(READ_PATH=/actuator/health/liveness wrk_run read "$CONNECTIONS" "$SHORT")
record "control: liveness, no SQL" "requests/s" "$rps" "$p50" "$p99" "" \
  "GET /actuator/health/liveness: what Tomcat, Spring MVC and Spring Security serve here before any SQL"
cpu_record "control: liveness, no SQL"

log "batches of 20 events, fresh ids"
read -r rps p50 p99 bad err < <(BATCH=20 wrk_run events)
pg=$(pgbench_run events)
record "events, batches of 20" "events/s" "$(echo "$rps * 20" | bc)" "$p50" "$p99" "$(echo "$pg * 20" | bc)" \
  "$rps batches/s, non-2xx $bad"
cpu_record "events, a batch of 20" pgbench
EV_RPS=$rps

log "end"
read -r rps p50 p99 bad err < <(wrk_run end "$CONNECTIONS" "$SHORT")
record "end" "requests/s" "$rps" "$p50" "$p99" "" "non-2xx $bad"
cpu_record end
END_RPS=$rps

log "the same batch replayed (dedup)"
REPLAY_SESSIONS=200 wrk_run replay 4 1 >/dev/null   # first round stores the events
read -r rps p50 p99 bad err < <(REPLAY_SESSIONS=200 wrk_run replay)
record "replayed batch of 20 (all duplicates)" "requests/s" "$rps" "$p50" "$p99" "" "non-2xx $bad"
cpu_record "replayed batch of 20"

log "realistic mix (per start: 12 heartbeats, 6 batches of 5, 1 end)"
read -r rps p50 p99 bad err < <(wrk_run mix)
record "mix" "requests/s" "$rps" "$p50" "$p99" "" "non-2xx $bad"
cpu_record "mix, a request"
MIX_RPS=$rps

log "latency at 70% of the measured maximum"
for s in start heartbeat events end; do
  case $s in start) max=$START_RPS ;; heartbeat) max=$HB_RPS ;; events) max=$EV_RPS ;; end) max=$END_RPS ;; esac
  rate=$(echo "$max * 0.7 / 1" | bc)
  d=$DURATION; [ $s = end ] && d=$SHORT
  # the ends at 70% take the second half of the end pool
  read -r rps p50 p99 bad err < <(END_BASE=$((ENDPOOL / 2)) WRK_RATE=$rate BATCH=20 wrk_run $s "$CONNECTIONS" $d)
  record "$s at 70%" "requests/s" "$rps" "$p50" "$p99" "" "target $rate/s, non-2xx $bad"
done

# ---- the jobs -------------------------------------------------------------------------------------------------
log "idle sweep of $((SESSIONS / 5)) idle among $SESSIONS, under the mix at 70%"
rate=$(echo "$MIX_RPS * 0.7 / 1" | bc)
# The baseline runs as long as the load during the sweep, so the two p99s come from windows of the same length
# (runs 1-10 of docs/benchmarks.md compared an 8-s baseline with the 40 s during the sweep).
read -r rps p50 base_p99 bad err < <(WRK_RATE=$rate wrk_run mix "$CONNECTIONS" "$SWEEP_LOAD")
record "mix at 70%, no job" "requests/s" "$rps" "$p50" "$base_p99" "" "non-2xx $bad"
WRK_RATE=$rate wrk_run mix "$CONNECTIONS" "$SWEEP_LOAD" > "$OUT/sweep-load.txt" &
wrk_pid=$!
sweep=$(run_job idle-session-closer)
wait $wrk_pid
read -r rps p50 p99 bad err < "$OUT/sweep-load.txt"
echo "$sweep" >&2
record "mix at 70%, during the sweep" "requests/s" "$rps" "$p50" "$p99" "" "p99 $(printf '%.2f' "$(echo "scale=4; $p99 / $base_p99" | bc)")x the baseline"
record_job "idle sweep" "sessions closed" "$sweep"
# The sweep leaves an entry in the open-session index for each session it closed; its chunks mark them dead as
# they go (IdleSessionSweeper), and the first empty sweep after it marks the last chunk's.
record_job "empty sweep" "sessions closed" "$(run_job idle-session-closer)" "right after the sweep"
record_job "empty sweep, the next one" "sessions closed" "$(run_job idle-session-closer)"
# What it costs once (auto)vacuum has removed those entries, as it does within minutes of a sweep that size.
q -c "VACUUM user_sessions" >/dev/null
record_job "empty sweep after VACUUM" "sessions closed" "$(run_job idle-session-closer)"

sessions_on() {  # sessions_on DAY: the sessions that started on DAY (UTC, the service's default stats zone)
  q -At -c "SELECT count(*) FROM user_sessions
    WHERE start_time >= '$1 00:00+00' AND start_time < timestamptz '$1 00:00+00' + interval '1 day'"
}
day=$(date -u -d yesterday +%F)
# Yesterday holds the plan's fifth of the sessions and, in the first hours after midnight (UTC), the idle ones too,
# which started 1-3 hours before the load: counted, not assumed.
day_sessions=$(sessions_on "$day")
log "daily rollup of yesterday ($day_sessions sessions), three runs"
times=()
for i in 1 2 3; do
  times+=("$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H "X-Api-Key: $READ_KEY" \
    "localhost:$APP_PORT/api/v1/stats/daily/$day/rollup")")
done
rollup=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
record "daily rollup, one day" "sessions" "$day_sessions" "" "" "" "$(echo "$rollup * 1000 / 1" | bc) ms (median of 3)"

log "reading endpoints with the data loaded"
from=$(date -u -d '29 days ago' +%F) to=$(date -u +%F)
today_sessions=$(sessions_on "$to")
# What the hourly jobs keep stored: every day's stats and co-usage, users' patterns.
for spec in "daily-rollup|days rolled up" "user-patterns|users classified"; do
  answer=$(run_job "${spec%%|*}")
  echo "$answer" >&2
  record_job "job ${spec%%|*}" "${spec#*|}" "$answer"
done
# Its next run re-reads only the users whose sessions may have changed since (PatternService.refreshChangedUsers):
# those with a session started since ten minutes before the first run (the load's last minutes and the scenarios'
# sessions), and those whose recent sessions held an open session then.
answer=$(run_job user-patterns)
echo "$answer" >&2
record_job "job user-patterns, the next run" "users classified" "$answer" "right after the first"
# The quick run starts the two extra instances (below) now, so that their start-up overlaps the reads: its figures
# are a smoke test's anyway. The full run starts them once the reads are measured. The quick run's are compiled by C1
# alone (-XX:TieredStopAtLevel=1), which starts a JVM sooner on two busy cores; all they show there is that the jobs
# run once.
EXTRA_JIT=(); $QUICK && EXTRA_JIT=(JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1)
launch_extra() {
  launch_app app2 $APP2_PORT TRACKER_SCHEDULING_ENABLED=true TRACKER_SESSION_SWEEP_INTERVAL=PT2S "${EXTRA_JIT[@]}"
  launch_app app3 $APP3_PORT TRACKER_SCHEDULING_ENABLED=true TRACKER_SESSION_SWEEP_INTERVAL=PT2S "${EXTRA_JIT[@]}"
}
$QUICK && launch_extra
for spec in "active|/api/v1/sessions/active?limit=100" \
            "history|/api/v1/sessions/user/{user}/history?limit=10" \
            "user pattern|/api/v1/sessions/patterns/{user}" \
            "daily stats, 30 days|/api/v1/stats/daily?from=$from&to=$to" \
            "insights: activity|/api/v1/insights/activity?from=$from&to=$to" \
            "insights: stay|/api/v1/insights/stay?from=$from&to=$to" \
            "insights: leave|/api/v1/insights/leave?from=$from&to=$to" \
            "insights: together|/api/v1/insights/together?from=$from&to=$to" \
            "insights: engagement|/api/v1/insights/engagement?from=$from&to=$to"; do
  name=${spec%%|*} path=${spec#*|}
  # The first request alone: the jobs above emptied the caches, so it computes the answer (a user the data has).
  first=$(curl -sf -o /dev/null -w '%{time_total}' -H "X-Api-Key: $READ_KEY" -H 'Cache-Control: max-stale' \
    "localhost:$APP_PORT${path/\{user\}/u1}")
  read -r rps p50 p99 bad err < <(READ_PATH=$path wrk_run read 4 "$(( DURATION > 2 ? DURATION / 2 : 1 ))")
  note="first request $(echo "$first * 1000 / 1" | bc) ms; non-2xx $bad"
  # The range's first computation reads today live and the days before from the rollup, so it depends on the hour.
  [ "$name" = "daily stats, 30 days" ] && note="$note; today, read live, holds $today_sessions sessions"
  record "$name" "requests/s" "$rps" "$p50" "$p99" "" "$note"
done
# What a dashboard waits for when it opens: the six answers of a range it asks for at once, none cached yet (a range
# of 29 days: the 30 days' answers are cached by now). They share one count of today's sessions (stats.LiveDays).
start_ns=$(date +%s%N) pids=()
for path in stats/daily insights/engagement insights/activity insights/stay insights/leave insights/together; do
  curl -sf -o /dev/null -H "X-Api-Key: $READ_KEY" -H 'Cache-Control: max-stale' \
    "localhost:$APP_PORT/api/v1/$path?from=$(date -u -d '28 days ago' +%F)&to=$to" & pids+=($!)
done
failed=0; for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
record "dashboard's first load, 29 days" "answers" "$(( 6 - failed ))" "" "" "" \
  "$(( ($(date +%s%N) - start_ns) / 1000000 )) ms until all six answered, asked at once as the dashboard does"

log "retention: sessions that started more than 30 days ago, with their events"
ret=$(run_job retention)
echo "$ret" >&2
record_job "retention" "sessions deleted" "$ret" "pending days rolled up first"

# ---- two instances on one database ---------------------------------------------------------------------------
log "two more instances on the same database, both running the jobs (sweep every 2 s), the mix split between them"
$QUICK || launch_extra
await_app app2 $APP2_PORT; await_app app3 $APP3_PORT
TWO=$(( DURATION > 8 ? DURATION : 2 * SHORT ))   # the quick run: 4 s, two sweeps an instance
before_a=$(grep -c 'Job idle-session-closer' "$OUT/app2.log" || true)
before_b=$(grep -c 'Job idle-session-closer' "$OUT/app3.log" || true)
wrk_run mix $((CONNECTIONS / 2)) "$TWO" $APP2_PORT > "$OUT/two-a.txt" &
wrk_pid=$!
wrk_run mix $((CONNECTIONS / 2)) "$TWO" $APP3_PORT > "$OUT/two-b.txt"
wait $wrk_pid
read -r rps_a p50 p99_a bad_a err < "$OUT/two-a.txt"
read -r rps_b p50 p99_b bad_b err < "$OUT/two-b.txt"
sweeps_a=$(( $(grep -c 'Job idle-session-closer' "$OUT/app2.log" || true) - before_a ))
sweeps_b=$(( $(grep -c 'Job idle-session-closer' "$OUT/app3.log" || true) - before_b ))
rollups=$(cat "$OUT/app2.log" "$OUT/app3.log" | grep -c 'Job daily-rollup' || true)
record "mix on two instances" "requests/s" "$(echo "$rps_a + $rps_b" | bc)" "" "$(printf '%s\n' "$p99_a" "$p99_b" | sort -g | tail -1)" "" \
  "$rps_a + $rps_b from two JVMs just started (no JIT warm-up$($QUICK && echo ", C1 only")); in ${TWO} s the 2-s sweep ran $sweeps_a + $sweeps_b times, the start-up rollup $rollups time(s) for both"

RSS_PEAK=$(peak_rss_mb "$app1_PID")
RSS_SPLIT=$(awk '/RssAnon|RssFile/ { printf "%s%s %d MB", sep, $1, $2 / 1024; sep = ", " }' "/proc/$app1_PID/status")
RSS2=$(peak_rss_mb "$app2_PID")
stop_app "$app3_PID"; stop_app "$app2_PID"; stop_app "$app1_PID"

# ---- the report ------------------------------------------------------------------------------------------------
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
JV=$("$JAVA" -version 2>&1 | head -1)
read -r cpu_total cpu_steal < <(cpu_stat)
STEAL=$(printf '%.1f' "$(echo "scale=3; 100 * ($cpu_steal - $CPU_STEAL0) / ($cpu_total - $CPU_TOTAL0)" | bc)")
REPORT=$OUT/report.md
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/run.sh$($QUICK && echo ' --quick')\` on $(nproc) cores ($CPU), $MEM"
  echo "(CPU time stolen by the hypervisor for other guests during the run: $STEAL%);"
  echo "$DB_KIND and the service share the machine with the load generators (wrk, pgbench). $JV; JAVA_OPTS=${JAVA_OPTS:-none}."
  echo "Whole run, launch to this report: $((SECONDS / 60)) min $(printf '%02d' $((SECONDS % 60))) s ($($BUILD && echo 'the jar built' || echo 'no build'))."
  echo "Data: $SESSIONS sessions, $((SESSIONS * EVENTS)) events and the $WORKFLOWS workflow executions they record (loaded in"
  echo "$LOAD_SECONDS s: $LOAD_SPLIT);"
  echo "wrk with $THREADS threads and $CONNECTIONS connections, ${DURATION} s a scenario; pgbench with the same clients on the same tables and indexes."
  echo
  echo "| scenario | throughput | p50 ms | p99 ms | PostgreSQL alone | ratio | notes |"
  echo "| --- | --- | ---: | ---: | --- | ---: | --- |"
  while IFS='|' read -r name unit thr p50 p99 pg note; do
    ratio=""
    [ -n "$pg" ] && ratio=$(echo "scale=0; 100 * $thr / $pg" | bc)%
    case $unit in requests/s|sessions/s|events/s) thr_text="$(printf '%.0f' "$thr") $unit" ;; *) thr_text="$thr $unit" ;; esac
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$thr_text" "$p50" "$p99" \
      "$([ -n "$pg" ] && printf '%.0f %s' "$pg" "$unit")" "$ratio" "$note"
  done < "$RESULTS"
  echo
  echo "CPU a request in microseconds, read from /proc over the same runs: the service's (user + system), PostgreSQL's"
  echo "for that request (every PostgreSQL process: backends, WAL writer, checkpointer), and PostgreSQL's for one"
  echo "transaction of the pgbench ceiling in the table above (the raw statement on the same tables)."
  echo
  echo "| scenario | service | PostgreSQL | PostgreSQL, raw statement (pgbench) |"
  echo "| --- | ---: | ---: | ---: |"
  while IFS='|' read -r name svc pg raw; do
    printf '| %s | %s | %s | %s |\n' "$name" "$svc" "$pg" "$raw"
  done < "$CPU_RESULTS"
  echo
  echo "JIT warm-up before the first scenario: $WARM_SECONDS s of load (the mix in 4-s rounds: $WARM_CURVE requests/s;"
  echo "then the control in $CONTROL_ROUND-s rounds: $CONTROL_CURVE requests/s)."
  echo
  if ! $QUICK; then
    echo "Service start-up, launch to ready, extracted jar with its $ARCHIVE_KIND: $FIRST_START s on a new database (embedded"
    echo "PostgreSQL initialised, schema migrated), $RESTART s on the loaded one ($RESTART_PLAIN s as a plain \`java -jar\`)."
  else
    echo "Service start-up, launch to ready, the extracted jar without a class archive on a new database (embedded PostgreSQL"
    echo "initialised, schema migrated): $FIRST_START s. The quick run trains no class archive, does not restart on the loaded"
    echo "database, and starts the two extra instances while the reading endpoints are measured."
    echo "It warms the JIT for seconds, not minutes: its figures are a service still warming up (start and heartbeat"
    echo "at less than half a warm one's), for checking the script, not for comparing; the full run measures."
  fi
  echo "Peak RSS of the service (VmHWM): $RSS_PEAK MB for the instance that took every scenario, $RSS2 MB for"
  echo "a second instance; at the end the first one held $RSS_SPLIT (heap and native memory are RssAnon; RssFile is mostly"
  echo "the $ARCHIVE_KIND and the jars, mapped from disk and shared)."
} > "$REPORT"
python3 "$ROOT/bench/chart.py" "$RESULTS" "$OUT/chart.svg"
cat "$REPORT"
if $PUBLISH; then
  cp "$OUT/chart.svg" "$ROOT/docs/benchmarks.svg"
  python3 - "$REPORT" "$ROOT/docs/benchmarks.md" <<'PY'
import re, sys
report, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
start, end = "<!-- report:start -->", "<!-- report:end -->"
doc = doc[:doc.index(start) + len(start)] + "\n" + report + doc[doc.index(end):]
open(sys.argv[2], "w").write(doc)
PY
  echo "docs/benchmarks.md and docs/benchmarks.svg updated" >&2
fi
