-- The events of the loaded sessions in part :part of :parts (run in parallel, one per core).
\set ON_ERROR_STOP on
SET synchronous_commit = off;
INSERT INTO session_events (id, session_id, timestamp, event_type, event_data)
SELECT gen_random_uuid(), s.id, s.start_time + i * interval '30 s', a.action,
       CASE WHEN a.action = 'page_view' THEN jsonb_build_object('page', '/p' || ((s.k + i) % 50))
            WHEN a.action LIKE 'workflow%' THEN '{"workflowId":"checkout"}'::jsonb
            ELSE '{"target":"#buy"}'::jsonb END
FROM (SELECT id, start_time, bench_key(start_time) AS k FROM user_sessions
      WHERE user_id LIKE 'u%' AND bench_key(start_time) % :parts = :part) s
CROSS JOIN generate_series(1, :events) i
CROSS JOIN LATERAL (SELECT bench_action(s.k, i) AS action) a;
