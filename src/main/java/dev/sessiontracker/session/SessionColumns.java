package dev.sessiontracker.session;

/**
 * SQL expressions that read a {@code user_sessions} row as the idle sweep leaves it, for the modules that query the
 * table themselves. A session silent since before the idle cut-off has ended, as a timeout at its last activity,
 * whether or not a sweep has closed it yet; these give each column the value the sweep will store
 * ({@link IdleSessionSweeper}), so an answer is the same before the sweep and after it. Each takes the table's alias
 * and the SQL text of the cut-off (a parameter such as {@code :cutoff} or {@code ?}, used once per expression).
 */
public final class SessionColumns {

	/** The reason the idle sweep stores. */
	static final String TIMED_OUT_REASON = "'timeout'";

	private SessionColumns() {
	}

	/** Whether the session has ended: closed, or silent since before the cut-off. */
	public static String ended(String alias, String cutoff) {
		return "(%s.end_time IS NOT NULL OR %s < %s)".formatted(alias, lastActivity(alias), cutoff);
	}

	/** {@code duration_seconds}: null while the session has not ended. */
	public static String durationSeconds(String alias, String cutoff) {
		return swept(alias, cutoff, timedOutDuration(alias), alias + ".duration_seconds");
	}

	/** {@code end_time}: null while the session has not ended. */
	public static String endTime(String alias, String cutoff) {
		return swept(alias, cutoff, lastActivity(alias), alias + ".end_time");
	}

	/** {@code exit_reason}. */
	public static String exitReason(String alias, String cutoff) {
		return swept(alias, cutoff, TIMED_OUT_REASON, alias + ".exit_reason");
	}

	/** {@code exit_page}. */
	public static String exitPage(String alias, String cutoff) {
		return swept(alias, cutoff, timedOutExitPage(alias), alias + ".exit_page");
	}

	private static String swept(String alias, String cutoff, String timedOut, String stored) {
		return "CASE WHEN %s.end_time IS NULL AND %s < %s THEN %s ELSE %s END".formatted(alias, lastActivity(alias),
				cutoff, timedOut, stored);
	}

	// What the idle sweep stores when it closes a session (IdleSessionSweeper writes these very expressions): its end
	// is its last activity, its duration runs to it, its exit page is its current page, else its entry page.

	/** The session's last heartbeat or event; its start for a row that has none (an import's). */
	static String lastActivity(String alias) {
		return "COALESCE(%1$s.last_seen, %1$s.start_time)".formatted(alias);
	}

	static String timedOutDuration(String alias) {
		return "floor(extract(epoch FROM %s - %s.start_time))::int".formatted(lastActivity(alias), alias);
	}

	static String timedOutExitPage(String alias) {
		return "COALESCE(%1$s.exit_page, %1$s.entry_page)".formatted(alias);
	}

}
