-- Rebuilds the events' indexes that bench/load.sql dropped, then refreshes the planner's statistics.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
DO $$ DECLARE d text; BEGIN FOR d IN SELECT ddl FROM bench_event_indexes LOOP EXECUTE d; END LOOP; END $$;
DROP TABLE bench_event_indexes;
VACUUM ANALYZE user_sessions;
ANALYZE session_events;
