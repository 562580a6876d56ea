-- An ended session's duration, last activity and exit page follow from its own times and events (api.md: duration =
-- endTime - startTime in whole seconds; exit page = the given page, else the last page_view's, else the entry page).
-- The service writes them so; rows written by imports or SQL may leave them NULL, or carry a duration that is not the
-- session's end minus its start (the seed's sketch took timedelta.seconds, which drops whole days: a 25-hour session
-- became 3600). Every read and the rollup would then disagree with the session's own times, or with each other. This
-- trigger completes such a row as it is written, once, so that every reader sees one value.
--
-- The service's own writes already agree, so the WHEN condition is false for them and no function runs (an event
-- batch tests it, as it moves the current page; a heartbeat names none of the columns and does not). An exit page is filled from the page_views stored when the
-- session ends (events imported after their ended session do not move it, as the API refuses events for an ended one).
CREATE FUNCTION user_sessions_complete_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.last_seen := COALESCE(NEW.last_seen, NEW.end_time);
    NEW.duration_seconds := floor(extract(epoch FROM NEW.end_time - NEW.start_time));
    IF NEW.exit_page IS NULL THEN
        NEW.exit_page := COALESCE((SELECT left(e.event_data->>'page', 2048) FROM session_events e
                                   WHERE e.session_id = NEW.id AND e.event_type = 'page_view'
                                     AND e.event_data->>'page' IS NOT NULL
                                   ORDER BY e.timestamp DESC, e.id DESC LIMIT 1),
                                  NEW.entry_page);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER user_sessions_complete_ended
    BEFORE INSERT OR UPDATE OF start_time, end_time, duration_seconds, exit_page ON user_sessions
    FOR EACH ROW
    WHEN (NEW.end_time IS NOT NULL
          AND (NEW.last_seen IS NULL OR NEW.exit_page IS NULL
               OR NEW.duration_seconds IS DISTINCT FROM floor(extract(epoch FROM NEW.end_time - NEW.start_time))))
    EXECUTE FUNCTION user_sessions_complete_ended();

-- The rows stored before: the trigger completes each one this names.
UPDATE user_sessions SET end_time = end_time
WHERE end_time IS NOT NULL
  AND (last_seen IS NULL OR exit_page IS NULL
       OR duration_seconds IS DISTINCT FROM floor(extract(epoch FROM end_time - start_time)));
