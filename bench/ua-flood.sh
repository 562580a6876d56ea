#!/usr/bin/env bash
# A/B of tracker.limits.new-user-agents-per-client: one client (X-Forwarded-For 198.51.100.1) starts sessions with a
# new crafted 512-character User-Agent each, about 400 a second; meanwhile another client's starts with one known
# User-Agent are measured (wrk, 15 s), and a third client starts 30 sessions with new real User-Agents, counted as
# parsed or Other. Each round runs the jar afresh on a new embedded database, with the share at 10 (the default) and
# at 0 (no share: only the parse slots bound the flood), twice, alternated.
# Usage: bash bench/ua-flood.sh   (builds nothing: run ./mvnw -B -q package -DskipTests first)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(ls target/session-tracker-*.jar | head -1)
JAVA=${JAVA:-java}
PORT=${PORT:-18391}
DBPORT=${DBPORT:-18392}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

round() { # $1: the share
  SERVER_PORT=$PORT TRACKER_EMBEDDED_DB_PORT=$DBPORT TRACKER_EMBEDDED_DB_DATA_DIR="$WORK/data-$1-$RANDOM" \
    TRACKER_SECURITY_READ_KEY=ua-flood-read-key-0123456789 SERVER_FORWARD_HEADERS_STRATEGY=native \
    TRACKER_LIMITS_NEW_USER_AGENTS_PER_CLIENT=$1 TRACKER_LIMITS_MAX_ACTIVE_SESSIONS_PER_USER=1000000 \
    TRACKER_LIMITS_GLOBAL_RATE=0 TRACKER_SESSION_SWEEP_INTERVAL=PT1H \
    "$JAVA" -jar "$JAR" > "$WORK/app-$1.log" 2>&1 &
  local app=$!
  for _ in $(seq 1 240); do curl -sf "localhost:$PORT/actuator/health" > /dev/null && break; sleep 0.5; done
  wrk -t1 -c4 -d8s -s bench/wrk/ua-victim.lua "http://localhost:$PORT" > /dev/null # warm-up
  local base during flood cpu0 cpu1 other=0 b
  base=$(wrk -t1 -c4 -d15s -s bench/wrk/ua-victim.lua "http://localhost:$PORT" | grep RESULT)
  wrk -t1 -c4 -d40s -s bench/wrk/ua-flood.lua "http://localhost:$PORT" > "$WORK/flood-$1.txt" 2>&1 &
  local fl=$!
  sleep 5 # the flood under way
  cpu0=$(awk '{print $14+$15}' "/proc/$app/stat")
  during=$(wrk -t1 -c4 -d15s -s bench/wrk/ua-victim.lua "http://localhost:$PORT" | grep RESULT)
  cpu1=$(awk '{print $14+$15}' "/proc/$app/stat")
  for i in $(seq 1 30); do
    b=$(curl -s -X POST "localhost:$PORT/api/v1/sessions/start" -H 'Content-Type: application/json' \
      -H 'X-Forwarded-For: 198.51.100.3' -d '{"userId":"real"}' \
      -H "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/13$i.0.$RANDOM.0 Safari/537.36" \
      | sed 's/.*"browser":"\([^"]*\)".*/\1/')
    if [ "$b" = "Other" ]; then other=$((other + 1)); fi
  done
  wait $fl
  flood=$(grep -E "Requests/sec" "$WORK/flood-$1.txt" | tr -s ' ')
  echo "share=$1 | alone: $base | during the flood: $during | service CPU over those 15 s: $((cpu1 - cpu0)) ticks" \
    "| new real User-Agents as Other: $other/30 | the flood's starts:$flood"
  kill $app; wait $app 2> /dev/null || true
}

for _ in 1 2; do round 10; round 0; done
