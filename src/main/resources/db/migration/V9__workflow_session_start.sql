-- The start of each workflow's session, so that a day's workflows are one range of an index: the daily rollup and a
-- day read live joined the day's ended sessions with every stored workflow, whatever the day's size (a day of
-- 100 000 sessions among 3.7M workflows read all of them). Event ingestion copies it from the session it locks (also
-- into a row without it, on that workflow's next event).
-- NULL for the rows stored before this column and for rows written by SQL that does not know it (imports): the
-- readers read those too, as they read every row before, so they count alike and only cost what they cost before,
-- until retention removes them. Filling them takes one statement, which this migration leaves out because it rewrites
-- every workflow row while the service waits to start (3 minutes for 3.7M rows on a slow 2-core machine); to run it
-- by hand, at a quiet hour:
--   UPDATE workflow_executions w SET session_start = s.start_time FROM user_sessions s
--   WHERE s.id = w.session_id AND w.session_start IS NULL;
ALTER TABLE workflow_executions ADD COLUMN session_start TIMESTAMPTZ;
CREATE INDEX idx_workflows_session_start ON workflow_executions (session_start);
