#!/usr/bin/env bash
# Times the insight and statistics endpoints of the real service over a 30-day window of 1M sessions and 20M
# events (each figure the median of 5 calls, with the read cache off): first with no day rolled up (every session
# read live), then after the daily rollup of each past day through its endpoint (also timed), when past days are
# read from what the rollup stored and today live.
#
#   PGHOST=127.0.0.1 PGUSER=postgres bench/insights-at-scale.sh [sessions] [events-per-session]
#
# It builds the jar, creates and drops a scratch database named session_tracker_insights, and runs the service
# on port 18080 against it.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
E=${2:-20}
DB=session_tracker_insights
PORT=18080
BASE=http://127.0.0.1:$PORT
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

./mvnw -B -q package -DskipTests
# Run a private copy: a build during the run must not rewrite the jar under the running service.
JAR=$(mktemp --suffix=.jar)
cp target/session-tracker-*.jar "$JAR"
q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
SPRING_DATASOURCE_URL="jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$DB" \
SPRING_DATASOURCE_USERNAME="${PGUSER:-postgres}" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
TRACKER_SCHEDULING_ENABLED=false SERVER_PORT=$PORT TRACKER_SECURITY_READ_KEY=bench TRACKER_READ_CACHE_TTL=0s \
  java -jar "$JAR" > /tmp/insights-bench-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true; rm -f "$JAR"' EXIT
until curl -sf $BASE/actuator/health > /dev/null; do sleep 1; done

echo "== loading $N sessions and $((N * E)) events over the 30 days up to now"
start=$(date +%s)
q -d $DB <<SQL
-- Session g belongs to user g x 7919 mod 100 000 (a permutation): neighbouring sessions belong to users far apart,
-- as in real data, where user ids do not follow the order of arrival.
INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, duration_seconds, action_count,
                           error_count, entry_page, exit_page, exit_reason)
SELECT gen_random_uuid(), 'u' || (g::bigint * 7919 % 100000), ts, ts + d, ts + d, extract(epoch FROM d)::int, $E,
       CASE WHEN g % 11 = 0 THEN 1 ELSE 0 END, '/p' || (g % 50), '/x' || (g % 40),
       (ARRAY['logout', 'timeout', 'navigation', 'error'])[1 + g % 4]
FROM (SELECT g, now() - interval '30 days' + g * (interval '30 days' / $N) AS ts,
             (g % 3600) * interval '1 second' AS d
      FROM generate_series(1, $N) g) s;
INSERT INTO session_events (id, session_id, timestamp, event_type)
SELECT gen_random_uuid(), s.id, s.start_time + k * interval '5 seconds',
       (ARRAY['page_view', 'search', 'click', 'view_item', 'add_to_cart', 'checkout', 'share', 'export',
              'filter', 'sort', 'login', 'settings', 'help', 'error', 'invite'])[1 + abs(hashtext(s.id::text || k)) % 15]
FROM user_sessions s CROSS JOIN generate_series(1, $E) k;
INSERT INTO workflow_executions (session_id, workflow_id, started_at, completed_at)
SELECT id, (ARRAY['checkout', 'onboarding', 'export'])[1 + abs(hashtext(id::text)) % 3], start_time,
       CASE WHEN abs(hashtext(id::text || 'c')) % 3 > 0 THEN start_time + interval '1 minute' END
FROM user_sessions WHERE abs(hashtext(id::text)) % 4 = 0;
VACUUM ANALYZE;
SQL
echo "loaded in $(( $(date +%s) - start )) s"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_call() { # method path -> median seconds of 5 calls
  for i in 1 2 3 4 5; do curl -sf -o /dev/null -w '%{time_total}\n' -H 'X-Api-Key: bench' -X "$1" "$BASE$2"; done | median
}
from=$(date -u -d "$(date -u +%F) - 29 days" +%F) today=$(date -u +%F)
endpoints() { # title
  echo "== endpoints over $from .. $today, $1 (median of 5 calls, seconds)"
  echo "| endpoint | median s |"
  echo "| --- | --- |"
  for path in "/api/v1/insights/activity" "/api/v1/insights/stay" "/api/v1/insights/leave" \
              "/api/v1/insights/together" "/api/v1/insights/engagement" "/api/v1/stats/daily"; do
    echo "| GET $path | $(time_call GET "$path?from=$from&to=$today") |"
  done
}
endpoints "no day rolled up: every session read live"

echo "== daily rollup of each past day (POST /api/v1/stats/daily/{date}/rollup), seconds"
rollups=()
for i in $(seq 29 -1 1); do
  day=$(date -u -d "$today - $i days" +%F)
  rollups+=("$(curl -sf -o /dev/null -w '%{time_total}' -H 'X-Api-Key: bench' -X POST \
    "$BASE/api/v1/stats/daily/$day/rollup")")
done
printf '%s\n' "${rollups[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %s, max %s over %d days\n", a[int((NR+1)/2)], a[NR], NR}'

endpoints "past days rolled up: read as stored, today live"
echo "| GET /api/v1/sessions/patterns/u42 | $(time_call GET /api/v1/sessions/patterns/u42) |"
kill $SERVICE; wait $SERVICE 2>/dev/null || true
rm -f "$JAR"
trap - EXIT
q -d postgres -c "DROP DATABASE $DB"
