-- An ended session's duration, last activity and exit page follow from its own times and events (api.md: duration =
-- endTime - startTime in whole seconds; exit page = the given page, else the last page_view's, else the entry page).
-- The service writes them so; rows written by imports or SQL may leave them NULL, or carry a duration that is not the
-- session's end minus its start (the seed's sketch took timedelta.seconds, which drops whole days: a 25-hour session
-- became 3600). Every read and the rollup would then disagree with the session's own times, or with each other. This
-- trigger completes such a row as it is written, once, so that every reader sees one value.
--
-- It completes rows as they are inserted, which is how imports write; an UPDATE by SQL is trusted as it is. That is
-- for speed: PostgreSQL locks and re-reads the row before every UPDATE of a table with a BEFORE UPDATE row trigger,
-- whatever columns the trigger names, and heartbeats and event batches update a session row each (measured 1-10%
-- fewer updates a second with one, in three pgbench rounds). The service inserts sessions open, so its own inserts
-- never run the function. An exit page is filled from the page_views stored by then (import events before their
-- ended sessions; events imported after their ended session do not move it, as the API refuses events for an ended
-- one).
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
    BEFORE INSERT ON user_sessions
    FOR EACH ROW
    WHEN (NEW.end_time IS NOT NULL
          AND (NEW.last_seen IS NULL OR NEW.exit_page IS NULL
               OR NEW.duration_seconds IS DISTINCT FROM floor(extract(epoch FROM NEW.end_time - NEW.start_time))))
    EXECUTE FUNCTION user_sessions_complete_ended();

-- The rows stored before, completed the same way.
UPDATE user_sessions s
SET last_seen = COALESCE(s.last_seen, s.end_time),
    duration_seconds = floor(extract(epoch FROM s.end_time - s.start_time)),
    exit_page = COALESCE(s.exit_page,
                         (SELECT left(e.event_data->>'page', 2048) FROM session_events e
                          WHERE e.session_id = s.id AND e.event_type = 'page_view' AND e.event_data->>'page' IS NOT NULL
                          ORDER BY e.timestamp DESC, e.id DESC LIMIT 1),
                         s.entry_page)
WHERE s.end_time IS NOT NULL
  AND (s.last_seen IS NULL OR s.exit_page IS NULL
       OR s.duration_seconds IS DISTINCT FROM floor(extract(epoch FROM s.end_time - s.start_time)));
