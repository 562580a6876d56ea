-- The primary key (session_id, id) finds a session's events: every query on session_events looks them up by
-- session_id, and the three that want them in time order (a session's events, its classification, a user's
-- export) sort one session's rows. The second index, on (session_id, timestamp), cost every stored event a second
-- index entry and its room on disk (docs/benchmarks.md, "One index on events").
DROP INDEX IF EXISTS idx_events_session;
