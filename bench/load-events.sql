-- The events of the loaded sessions in part :part of :parts (run in parallel, one per core): every session's key is
-- computed once (OFFSET 0 keeps the subquery apart), and its events are bench/load.sql's plan for that key.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
INSERT INTO session_events (id, session_id, timestamp, event_type, event_data)
SELECT gen_random_uuid(), s.id, s.start_time + e.i * interval '30 s', e.action,
       CASE WHEN e.action = 'page_view' THEN jsonb_build_object('page', '/p' || ((s.k + e.i) % 50)) ELSE e.data END
FROM (SELECT id, start_time, bench_key(start_time) AS k FROM user_sessions
      WHERE user_id LIKE 'u%' AND bench_key(start_time) % :parts = :part OFFSET 0) s
JOIN bench_event_plan e ON e.m = s.k % 255;
