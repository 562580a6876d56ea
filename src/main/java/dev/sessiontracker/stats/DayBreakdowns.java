package dev.sessiontracker.stats;

/**
 * Breakdowns whose definition the daily rollup (which stores them per day) and the insights (which count the days
 * not stored live) share as one piece of SQL, so that a stored day and a live one count alike. It reads the
 * sessions that started in {@code [:from, :to)}, bots left out unless {@code :includeBots}. (Hours, durations and
 * exits the rollup takes from its one count of the day, a scan that every figure shares, so their live forms in the
 * insights are written apart.)
 */
public final class DayBreakdowns {

	/**
	 * {@code workflow_id, started, abandoned}: the workflows started in the range's ended sessions, and how many of
	 * them never completed.
	 */
	public static final String WORKFLOWS = """
			SELECT w.workflow_id, count(*) AS started, count(*) FILTER (WHERE w.completed_at IS NULL) AS abandoned
			FROM user_sessions s JOIN workflow_executions w ON w.session_id = s.id
			WHERE s.start_time >= :from AND s.start_time < :to AND s.end_time IS NOT NULL
			  AND w.started_at IS NOT NULL AND (:includeBots OR NOT s.is_bot)
			GROUP BY w.workflow_id""";

	private DayBreakdowns() {
	}

}
