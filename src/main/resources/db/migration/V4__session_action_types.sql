-- Each session's distinct actions, sorted in code-point order, kept by event ingestion in the statement that already
-- moves the session's counters. The daily rollup builds feature co-usage from it, reading one row per session
-- instead of every event of the day. NULL means "not kept": rows written by imports or SQL backfills and sessions
-- from before this column; the rollup reads those sessions' actions from their events.
ALTER TABLE user_sessions ADD COLUMN action_types TEXT[] COLLATE "C";
