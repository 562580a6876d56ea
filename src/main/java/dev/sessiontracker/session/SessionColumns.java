package dev.sessiontracker.session;

/**
 * SQL expressions that read a {@code user_sessions} row as the idle sweep leaves it, for the modules that query the
 * table themselves. A session silent since before the idle cut-off has ended, as a timeout at its last activity,
 * whether or not a sweep has closed it yet; these give each column the value the sweep will store
 * ({@link IdleSessionSweeper}), so an answer is the same before the sweep and after it. Each takes the table's alias
 * and the SQL text of the cut-off (a parameter such as {@code :cutoff} or {@code ?}, used once per expression).
 */
public final class SessionColumns {

	private SessionColumns() {
	}

	/** Whether the session has ended: closed, or silent since before the cut-off. */
	public static String ended(String alias, String cutoff) {
		return "(%1$s.end_time IS NOT NULL OR COALESCE(%1$s.last_seen, %1$s.start_time) < %2$s)".formatted(alias,
				cutoff);
	}

	/** {@code duration_seconds}: null while the session has not ended. */
	public static String durationSeconds(String alias, String cutoff) {
		return swept(alias, cutoff,
				"floor(extract(epoch FROM COALESCE(%1$s.last_seen, %1$s.start_time) - %1$s.start_time))::int"
					.formatted(alias),
				alias + ".duration_seconds");
	}

	/** {@code end_time}: null while the session has not ended. */
	public static String endTime(String alias, String cutoff) {
		return swept(alias, cutoff, "COALESCE(%1$s.last_seen, %1$s.start_time)".formatted(alias),
				alias + ".end_time");
	}

	/** {@code exit_reason}. */
	public static String exitReason(String alias, String cutoff) {
		return swept(alias, cutoff, "'timeout'", alias + ".exit_reason");
	}

	/** {@code exit_page}. */
	public static String exitPage(String alias, String cutoff) {
		return swept(alias, cutoff, "COALESCE(%1$s.exit_page, %1$s.entry_page)".formatted(alias),
				alias + ".exit_page");
	}

	private static String swept(String alias, String cutoff, String timedOut, String stored) {
		return "CASE WHEN %1$s.end_time IS NULL AND COALESCE(%1$s.last_seen, %1$s.start_time) < %2$s THEN %3$s"
			.formatted(alias, cutoff, timedOut) + " ELSE " + stored + " END";
	}

}
