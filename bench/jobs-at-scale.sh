#!/usr/bin/env bash
# Times the idle sweep at scale, straight on PostgreSQL, with the service's own schema (the Flyway migrations) and
# IdleSessionSweeper's statement in chunks of the service's default size, without its pauses. (bench/run.sh
# measures the sweep and the daily rollup through the service, under load.)
#
#   PGHOST=127.0.0.1 PGUSER=postgres bench/jobs-at-scale.sh [sessions]    (default 5000000, a fifth of them idle)
#   CHUNK=10000 ...: sessions per statement (default 5000, tracker.session.sweep-chunk's default)
#
# It creates and drops a scratch database named session_tracker_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000000} CHUNK=${CHUNK:-5000}
DB=session_tracker_bench
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# Session g belongs to user g x 7919 mod 200 000 (a permutation): neighbouring sessions belong to users far apart in
# id order, as in real data, so the closes' entries in the (user_id, start_time) index land on leaf pages far apart.
echo "== loading $N sessions over 30 days (every fifth one left open and idle)"
q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
for f in src/main/resources/db/migration/V*.sql; do q -d $DB -f "$f"; done
q -d $DB -f bench/uuid7.sql
start=$(date +%s)
q -d $DB <<SQL
INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, duration_seconds, action_count,
                           error_count, entry_page, exit_page, exit_reason)
SELECT bench_uuid7(ts), 'u' || (g::bigint * 7919 % 200000), ts, ts + interval '5 min',
       CASE WHEN g % 5 <> 0 THEN ts + interval '5 min' END, CASE WHEN g % 5 <> 0 THEN 300 END, g % 7,
       CASE WHEN g % 11 = 0 THEN 1 ELSE 0 END, '/p' || (g % 50), '/x' || (g % 40),
       CASE WHEN g % 5 <> 0 THEN 'navigation' END
FROM (SELECT g, timestamptz '2026-10-25 10:00Z' + g * (interval '30 days' / $N) AS ts
      FROM generate_series(1, $N) g) s;
INSERT INTO user_sessions (id, user_id, start_time, last_seen, entry_page)
SELECT bench_uuid7(timestamptz '2026-11-24 08:00Z'), 'a' || g, timestamptz '2026-11-24 08:00Z', timestamptz '2026-11-24 09:55Z', '/live'
FROM generate_series(1, 2000) g;
VACUUM ANALYZE user_sessions;
SQL
echo "loaded in $(( $(date +%s) - start )) s"

echo "== idle sweep (chunks of $CHUNK, each committed; cut-off 2026-11-24 09:30Z)"
# IdleSessionSweeper's own statement, read from its source, with the cut-off and the chunk size in place of their
# parameters; :from stays for the loop's variable (or, in the empty sweeps, the earliest time).
CLOSE_CHUNK=$(sed -n '/CLOSE_CHUNK = """/,/""";/p' src/main/java/dev/sessiontracker/session/IdleSessionSweeper.java \
  | sed -e '1d' -e 's/""";$//' -e "s/:cutoff/'2026-11-24 09:30Z'/g" -e "s/:chunk/$CHUNK/g")
[[ $CLOSE_CHUNK == *":from"*" FROM closed" ]] || { echo "IdleSessionSweeper.CLOSE_CHUNK has changed shape" >&2; exit 1; }
q -d $DB <<SQL
DO \$\$
DECLARE f timestamptz := '0001-01-01Z'; pe timestamptz := '0001-01-01Z'; c int; l timestamptz; total int := 0;
        t0 timestamptz := clock_timestamp(); t1 timestamptz; worst interval := '0';
BEGIN
  LOOP
    t1 := clock_timestamp();
$(sed -e 's/:from/f/g' -e 's/ FROM closed$/ INTO c, l FROM closed/' <<<"$CLOSE_CHUNK");
    COMMIT;
    worst := greatest(worst, clock_timestamp() - t1);
    total := total + c;
    EXIT WHEN c < $CHUNK;
    -- as IdleSessionSweeper: the next chunk walks this one's closed entries once, which marks them dead
    f := pe;
    pe := l;
  END LOOP;
  RAISE NOTICE 'sweep closed % sessions in % (worst chunk %)', total, clock_timestamp() - t0, worst;
END \$\$;
SQL
empty_sweep() {
  local earliest="'0001-01-01Z'"
  q -d $DB -c '\timing on' -c "${CLOSE_CHUNK//:from/$earliest}" | grep Time
}
echo "== empty sweep right after, before any vacuum"
empty_sweep
q -d $DB -c "VACUUM ANALYZE user_sessions"
echo "== empty sweep once vacuumed, three runs"
for i in 1 2 3; do
  empty_sweep
done

q -d postgres -c "DROP DATABASE $DB"
