-- Prepares the benchmark's data set in the service's own schema (psql variables: sessions, events, hot, endpool);
-- bench/load-part.sql then inserts the sessions and their events, in parallel parts:
--   sessions/5 open sessions started 1-3 hours ago and idle since (the sweep's work),
--   sessions/5 ended sessions yesterday (UTC; the rollup's day),
--   the rest ended, spread over the 30 days before yesterday; the oldest day lies beyond 30 days' retention,
--   :events events each (every session) with the workflows they record, users = sessions / 25, each user's
--   sessions a day apart on average, and the users of neighbouring sessions (on one page) far apart in id order, as
--   in real data (load-part.sql);
-- this script itself inserts the pools the load scripts use: :hot open sessions (heartbeats, batches) and
-- :endpool to be ended.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- Fewer checkpoints (and full-page images) while loading; bench/load-finish.sql puts it back.
-- (Needs a superuser; without one the load just takes longer.)
\set ON_ERROR_STOP off
ALTER SYSTEM SET max_wal_size = '16GB';
SELECT pg_reload_conf();
\set ON_ERROR_STOP on

\ir uuid7.sql

-- A number per session, from its start time, so that a session's events and its counters agree.
CREATE OR REPLACE FUNCTION bench_key(ts timestamptz) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT ((extract(epoch FROM ts) * 1000000)::bigint % 1000003) * 7919 % 1000003
$$;

-- The action of a session's i-th event: 12 actions, each session using a few of them, one error in 17.
CREATE OR REPLACE FUNCTION bench_action(g bigint, i int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN (g + i) % 17 = 0 THEN 'error'
                ELSE (ARRAY['page_view', 'click', 'search', 'add_to_cart', 'checkout', 'workflow_start',
                            'workflow_complete', 'share', 'download', 'comment', 'filter', 'login'])
                     [1 + ((g % 5) * 2 + (i % 4) * (1 + g % 3)) % 12] END
$$;

-- Loading is fastest into tables without secondary indexes, which are built afterwards in one pass each
-- (bench/load-index.sql). Their definitions are kept first, so what is rebuilt is what the migrations made.
CREATE TABLE bench_indexes AS
SELECT c.conrelid::regclass::text AS tab, c.conname AS name,
       'ALTER TABLE ' || c.conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(c.conname) || ' '
       || pg_get_constraintdef(c.oid) AS ddl,
       'ALTER TABLE ' || c.conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(c.conname) AS drop
FROM pg_constraint c WHERE c.conrelid = 'session_events'::regclass AND c.contype IN ('p', 'u')
UNION ALL
SELECT x.indrelid::regclass::text, i.relname, pg_get_indexdef(i.oid), 'DROP INDEX ' || quote_ident(i.relname)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid IN ('session_events'::regclass, 'user_sessions'::regclass) AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid);
DO $$ DECLARE d text; BEGIN FOR d IN SELECT drop FROM bench_indexes LOOP EXECUTE d; END LOOP; END $$;

-- Every session of the data set, for bench/load-part.sql to insert in parts (bench/load-finish.sql drops these
-- tables). Each session's key is computed once, here: with an argument that is itself a call, bench_action is not
-- inlined, and a call per row costs more than the rest of the row (on PostgreSQL 15, generating 2.5M event rows
-- that way took 22.5 s of the 23.1 s their INSERT took).
CREATE UNLOGGED TABLE bench_plan AS
SELECT g, ts, g <= :sessions / 5 AS idle, bench_key(ts) AS k
FROM (SELECT g,
             CASE WHEN g <= :sessions / 5
                      THEN now() - interval '3 hours' + (g * (interval '2 hours' / (:sessions / 5)))
                  WHEN g <= 2 * (:sessions / 5)
                      THEN date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 day'
                           + ((g - :sessions / 5) * (interval '1 day' / (:sessions / 5)))
                  ELSE date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '31 days'
                       + ((g - 2 * (:sessions / 5)) * (interval '30 days' / (:sessions - 2 * (:sessions / 5))))
             END AS ts
      FROM generate_series(1, :sessions) g) p;
ANALYZE bench_plan;

-- A session's actions depend on its key only through the key modulo 5, 3 and 17 (bench_action), so through the key
-- modulo 255: the i-th event of every key m, with its id and data. Ids need only be unique within a session (the
-- primary key is (session_id, id), and events are only ever looked up by session), so every session of key m takes
-- the same ten random ids: made here 2 550 times instead of 50M times in the parts, where gen_random_uuid() and a
-- page_view's jsonb_build_object() took a quarter of the rows' insert (PostgreSQL 15, a tenth of the data set, three
-- alternated rounds: the parts 19.8-20.6 s with them, 13.5-15.9 s without).
CREATE TABLE bench_event_plan AS
SELECT m, i, gen_random_uuid() AS id, a.action,
       CASE WHEN a.action LIKE 'workflow%' THEN '{"workflowId":"checkout"}'::jsonb
            WHEN a.action = 'page_view' THEN jsonb_build_object('page', '/p' || ((m + i) % 50))
            ELSE '{"target":"#buy"}'::jsonb END AS data
FROM generate_series(0, 254) m CROSS JOIN generate_series(1, :events) i
CROSS JOIN LATERAL (SELECT bench_action(m, i) AS action) a;
ANALYZE bench_event_plan;

-- Each key's sorted set of distinct actions, as event ingestion keeps it.
CREATE TABLE bench_action_sets AS
SELECT m, ARRAY(SELECT DISTINCT e.action COLLATE "C" FROM bench_event_plan e WHERE e.m = k.m ORDER BY 1) AS types
FROM generate_series(0, 254) k(m);
ANALYZE bench_action_sets;

-- Each key's workflow as event ingestion records it from those events (workflowId "checkout"): its first start and
-- last completion, either of which may be missing, and the session's count of starts (workflow_count).
CREATE TABLE bench_workflow_plan AS
SELECT m, min(i) FILTER (WHERE action = 'workflow_start') AS started,
       max(i) FILTER (WHERE action = 'workflow_complete') AS completed,
       count(*) FILTER (WHERE action = 'workflow_start') AS starts
FROM bench_event_plan WHERE action IN ('workflow_start', 'workflow_complete')
GROUP BY m;
ANALYZE bench_workflow_plan;

-- The pools: open and active now.
INSERT INTO user_sessions (id, user_id, start_time, last_seen, device_type, browser, os, entry_page, entry_source,
                           action_types)
SELECT ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'hot' || n, now(), now(), 'desktop', 'Chrome',
       'Linux', '/', 'direct', '{}'
FROM generate_series(1, :hot) n;
INSERT INTO user_sessions (id, user_id, start_time, last_seen, device_type, browser, os, entry_page, entry_source,
                           action_types)
SELECT ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid, 'end' || n, now(), now(), 'desktop', 'Chrome',
       'Linux', '/', 'direct', '{}'
FROM generate_series(1, :endpool) n;
