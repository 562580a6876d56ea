-- Rebuilds the indexes that bench/load.sql dropped, puts max_wal_size back, refreshes the planner's statistics.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
DO $$ DECLARE d text; BEGIN FOR d IN SELECT ddl FROM bench_indexes LOOP EXECUTE d; END LOOP; END $$;
DROP TABLE bench_indexes, bench_plan, bench_event_plan, bench_action_sets;
\set ON_ERROR_STOP off
ALTER SYSTEM RESET max_wal_size;
SELECT pg_reload_conf();
\set ON_ERROR_STOP on
-- A database that grew over months has had its tables vacuumed; without this, autovacuum's first pass over the
-- 50M freshly inserted events would run during the first scenarios. Then a checkpoint, for the same reason.
VACUUM ANALYZE user_sessions;
VACUUM ANALYZE session_events;
CHECKPOINT;
-- The loaded sets of actions are what ingestion would have kept: checked against the events of a thousand sessions.
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT id, action_types FROM user_sessions WHERE user_id LIKE 'u%' LIMIT 1000) s
               WHERE s.action_types IS DISTINCT FROM ARRAY(SELECT DISTINCT e.event_type::text COLLATE "C"
                                                           FROM session_events e WHERE e.session_id = s.id ORDER BY 1))
    THEN RAISE EXCEPTION 'the loaded action_types differ from the loaded events';
    END IF;
END $$;
