-- Rebuilds the indexes that bench/load.sql dropped, puts max_wal_size back, refreshes the planner's statistics.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
DO $$ DECLARE d text; BEGIN FOR d IN SELECT ddl FROM bench_indexes LOOP EXECUTE d; END LOOP; END $$;
DROP TABLE bench_indexes;
\set ON_ERROR_STOP off
ALTER SYSTEM RESET max_wal_size;
SELECT pg_reload_conf();
\set ON_ERROR_STOP on
-- A database that grew over months has had its tables vacuumed; without this, autovacuum's first pass over the
-- 50M freshly inserted events would run during the first scenarios. Then a checkpoint, for the same reason.
VACUUM ANALYZE user_sessions;
VACUUM ANALYZE session_events;
CHECKPOINT;
