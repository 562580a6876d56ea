-- After bench/load-index.sql: drops the plan's tables, puts max_wal_size back, checkpoints (so that no checkpoint
-- of the load's writes runs during the first scenarios), and checks the loaded data.
\set ON_ERROR_STOP on
DROP TABLE bench_indexes, bench_plan, bench_event_plan, bench_action_sets, bench_workflow_plan;
VACUUM ANALYZE workflow_executions;
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
-- And so are the workflows and their counts: checked against the events of a thousand sessions, as ingestion records
-- them (a workflow's first start and last completion, its session's start, the session's count of starts).
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT id, start_time, workflow_count FROM user_sessions
                             WHERE user_id LIKE 'u%' LIMIT 1000) s
               CROSS JOIN LATERAL (
                   SELECT min(e.timestamp) FILTER (WHERE e.event_type = 'workflow_start') AS started,
                          max(e.timestamp) FILTER (WHERE e.event_type = 'workflow_complete') AS completed,
                          count(*) FILTER (WHERE e.event_type = 'workflow_start') AS starts,
                          count(*) FILTER (WHERE e.event_type LIKE 'workflow%') AS any
                   FROM session_events e WHERE e.session_id = s.id) e
               LEFT JOIN workflow_executions w ON w.session_id = s.id AND w.workflow_id = 'checkout'
               WHERE s.workflow_count <> e.starts OR (w.session_id IS NULL) <> (e.any = 0)
                  OR w.started_at IS DISTINCT FROM e.started OR w.completed_at IS DISTINCT FROM e.completed
                  OR w.session_start IS DISTINCT FROM CASE WHEN w.session_id IS NOT NULL THEN s.start_time END)
    THEN RAISE EXCEPTION 'the loaded workflows differ from the loaded events';
    END IF;
END $$;
