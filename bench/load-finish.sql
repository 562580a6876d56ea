-- After bench/load-index.sql: drops the plan's tables, puts max_wal_size back, checkpoints (so that no checkpoint
-- of the load's writes runs during the first scenarios), and checks the loaded data.
\set ON_ERROR_STOP on
DROP TABLE bench_indexes, bench_plan, bench_event_plan, bench_action_sets;
\set ON_ERROR_STOP off
ALTER SYSTEM RESET max_wal_size;
SELECT pg_reload_conf();
\set ON_ERROR_STOP on
CHECKPOINT;
-- The loaded sets of actions are what ingestion would have kept: checked against the events of a thousand sessions.
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT id, action_types FROM user_sessions WHERE user_id LIKE 'u%' LIMIT 1000) s
               WHERE s.action_types IS DISTINCT FROM ARRAY(SELECT DISTINCT e.event_type::text COLLATE "C"
                                                           FROM session_events e WHERE e.session_id = s.id ORDER BY 1))
    THEN RAISE EXCEPTION 'the loaded action_types differ from the loaded events';
    END IF;
END $$;
