#!/usr/bin/env bash
# Times the idle sweep and the daily rollup at scale, straight on PostgreSQL, with the service's own schema
# (the Flyway migrations) and the same statements the jobs run.
#
#   PGHOST=127.0.0.1 PGUSER=postgres bench/jobs-at-scale.sh [sessions]    (default 5000000, a fifth of them idle)
#
# It creates and drops a scratch database named session_tracker_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000000}
DB=session_tracker_bench
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "== loading $N sessions over 30 days (every fifth one left open and idle)"
q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
for f in src/main/resources/db/migration/V*.sql; do q -d $DB -f "$f"; done
start=$(date +%s)
q -d $DB <<SQL
INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, duration_seconds, action_count,
                           error_count, entry_page, exit_page, exit_reason)
SELECT gen_random_uuid(), 'u' || (g % 200000), ts, ts + interval '5 min',
       CASE WHEN g % 5 <> 0 THEN ts + interval '5 min' END, CASE WHEN g % 5 <> 0 THEN 300 END, g % 7,
       CASE WHEN g % 11 = 0 THEN 1 ELSE 0 END, '/p' || (g % 50), '/x' || (g % 40),
       CASE WHEN g % 5 <> 0 THEN 'navigation' END
FROM (SELECT g, timestamptz '2026-10-25 10:00Z' + g * (interval '30 days' / $N) AS ts
      FROM generate_series(1, $N) g) s;
INSERT INTO user_sessions (id, user_id, start_time, last_seen, entry_page)
SELECT gen_random_uuid(), 'a' || g, timestamptz '2026-11-24 08:00Z', timestamptz '2026-11-24 09:55Z', '/live'
FROM generate_series(1, 2000) g;
VACUUM ANALYZE user_sessions;
SQL
echo "loaded in $(( $(date +%s) - start )) s"

echo "== idle sweep (chunks of 10000, each committed; cut-off 2026-11-24 09:30Z)"
q -d $DB <<'SQL'
DO $$
DECLARE f timestamptz := '0001-01-01Z'; c int; l timestamptz; total int := 0;
        t0 timestamptz := clock_timestamp(); t1 timestamptz; worst interval := '0';
BEGIN
  LOOP
    t1 := clock_timestamp();
    WITH idle AS (
        SELECT id FROM user_sessions
        WHERE end_time IS NULL AND start_time >= f AND start_time < '2026-11-24 09:30Z'
          AND COALESCE(last_seen, start_time) < '2026-11-24 09:30Z'
        ORDER BY start_time LIMIT 10000 FOR UPDATE SKIP LOCKED
    ), closed AS (
        UPDATE user_sessions u SET end_time = COALESCE(u.last_seen, u.start_time),
            duration_seconds = floor(extract(epoch FROM COALESCE(u.last_seen, u.start_time) - u.start_time)),
            exit_reason = 'timeout', exit_page = COALESCE(u.exit_page, u.entry_page)
        FROM idle WHERE u.id = idle.id RETURNING u.start_time
    ) SELECT count(*), max(start_time) INTO c, l FROM closed;
    COMMIT;
    worst := greatest(worst, clock_timestamp() - t1);
    total := total + c;
    EXIT WHEN c < 10000;
    f := l;
  END LOOP;
  RAISE NOTICE 'sweep closed % sessions in % (worst chunk %)', total, clock_timestamp() - t0, worst;
END $$;
SQL
q -d $DB -c "VACUUM ANALYZE user_sessions"
echo "== empty sweep, three runs"
for i in 1 2 3; do
  q -d $DB -c '\timing on' -c "WITH idle AS (SELECT id FROM user_sessions WHERE end_time IS NULL
      AND start_time >= '0001-01-01Z' AND start_time < '2026-11-24 09:30Z'
      AND COALESCE(last_seen, start_time) < '2026-11-24 09:30Z' ORDER BY start_time LIMIT 10000
      FOR UPDATE SKIP LOCKED) UPDATE user_sessions u SET exit_reason = 'timeout' FROM idle WHERE u.id = idle.id" \
    | grep Time
done

echo "== daily rollup aggregate over 1M sessions' worth of start times, three runs"
span=$(( 30 * 24 * 3600 * 1000000 / N ))   # seconds of start times that hold 1M sessions
for i in 1 2 3; do
  q -d $DB -c '\timing on' -c "
    WITH day AS (SELECT user_id, end_time, duration_seconds, action_count, error_count, entry_page, exit_page
                 FROM user_sessions WHERE start_time >= '2026-11-10Z'
                                      AND start_time < timestamptz '2026-11-10Z' + interval '$span seconds')
    SELECT count(*), count(DISTINCT user_id), round(avg(duration_seconds) FILTER (WHERE end_time IS NOT NULL)),
           round(100.0 * count(*) FILTER (WHERE end_time IS NOT NULL AND duration_seconds < 30
                                          AND action_count <= 1) / count(*), 2),
           round(100.0 * count(*) FILTER (WHERE error_count > 0) / count(*), 2),
           (SELECT entry_page FROM day GROUP BY 1 ORDER BY count(*) DESC, entry_page COLLATE \"C\" LIMIT 1),
           (SELECT exit_page FROM day WHERE end_time IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, exit_page COLLATE \"C\" LIMIT 1)
    FROM day" | grep Time
done
q -d postgres -c "DROP DATABASE $DB"
