-- The seed's counters (action_count, error_count, workflow_count) are nullable there, with a default of 0, so an
-- import may write them NULL explicitly (an export's empty cells). Such rows were refused, the columns being NOT NULL
-- here, although the session's events say what the counters are. This trigger counts a counter written NULL from
-- the session's events stored by then, by the rules event batches count with: every event an action, `error` events
-- errors, `workflow_start` events with a workflowId workflows (import the events before their sessions, as for V12's
-- exit pages). PostgreSQL checks NOT NULL after the BEFORE triggers, so every reader still finds a number. Its WHEN is
-- false for every row the service writes (it inserts sessions with counters of 0) and, like V12's, it fires on
-- inserts only.
CREATE FUNCTION user_sessions_count_null_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT COALESCE(NEW.action_count, count(*)::int),
           COALESCE(NEW.error_count, (count(*) FILTER (WHERE e.event_type = 'error'))::int),
           COALESCE(NEW.workflow_count, (count(*) FILTER (WHERE e.event_type = 'workflow_start'
                                                         AND e.event_data->>'workflowId' IS NOT NULL))::int)
    INTO NEW.action_count, NEW.error_count, NEW.workflow_count
    FROM session_events e
    WHERE e.session_id = NEW.id;
    RETURN NEW;
END
$$;

CREATE TRIGGER user_sessions_count_null_counters
    BEFORE INSERT ON user_sessions
    FOR EACH ROW
    WHEN (NEW.action_count IS NULL OR NEW.error_count IS NULL OR NEW.workflow_count IS NULL)
    EXECUTE FUNCTION user_sessions_count_null_counters();
