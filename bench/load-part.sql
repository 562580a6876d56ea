-- Part :part of :parts of the loaded sessions (bench/load.sql's plan) with their events and workflows, in one
-- statement, so the parts run in parallel (one per core). Each session's events and workflow are the plan of its key.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
WITH s AS (
    INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, duration_seconds, device_type, browser,
                               os, screen_size, entry_page, entry_source, exit_page, exit_reason, action_count,
                               error_count, workflow_count, last_action, action_types)
    -- the user: g times a prime modulo the users, a permutation, so that sessions started one after the other (the
    -- same heap page) belong to users whose ids are not neighbours: a job visiting users in id order then reads
    -- their sessions as it would in real data, where the ids do not follow the order of arrival
    SELECT bench_uuid7(ts), 'u' || (g::bigint * 7919 % (:sessions / 25)), ts, ts + (:events * interval '30 s'),
           CASE WHEN NOT idle THEN ts + (:events * interval '30 s') END,
           CASE WHEN NOT idle THEN :events * 30 END,
           (ARRAY['desktop', 'mobile', 'tablet'])[1 + g % 3], 'Chrome', 'Linux', '1920x1080', '/p' || (g % 50),
           (ARRAY['direct', 'external', 'internal'])[1 + g % 3], '/x' || (g % 40),
           CASE WHEN NOT idle THEN (ARRAY['logout', 'navigation', 'timeout'])[1 + g % 3] END, :events,
           -- errors: the i in 1..events with (k + i) % 17 = 0
           CASE WHEN r <= :events THEN 1 + (:events - r) / 17 ELSE 0 END, COALESCE(w.starts, 0),
           bench_action(k, :events), a.types
    FROM (SELECT *, 17 - k % 17 AS r FROM bench_plan WHERE k % :parts = :part) p
    JOIN bench_action_sets a ON a.m = p.k % 255
    LEFT JOIN bench_workflow_plan w ON w.m = p.k % 255
    ORDER BY ts
    RETURNING id, start_time
), wf AS (
    INSERT INTO workflow_executions (session_id, workflow_id, started_at, completed_at, session_start)
    SELECT s.id, 'checkout', s.start_time + w.started * interval '30 s', s.start_time + w.completed * interval '30 s',
           s.start_time
    FROM s JOIN bench_workflow_plan w ON w.m = bench_key(s.start_time) % 255
)
INSERT INTO session_events (id, session_id, timestamp, event_type, event_data)
SELECT e.id, s.id, s.start_time + e.i * interval '30 s', e.action, e.data
FROM (SELECT id, start_time, bench_key(start_time) AS k FROM s OFFSET 0) s -- the key once a session
JOIN bench_event_plan e ON e.m = s.k % 255;
