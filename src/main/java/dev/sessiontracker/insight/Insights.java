package dev.sessiontracker.insight;

import java.time.LocalDate;
import java.util.List;

/** The answers of the insights; each covers the sessions that started from {@code from} to {@code to}. */
public final class Insights {

	private Insights() {
	}

	/** Sessions started per weekday (rows, Monday first) and hour of day (columns, 0-23). */
	public record Activity(LocalDate from, LocalDate to, String zone, long sessions, long[][] byWeekdayAndHour,
			int peakWeekday, int peakHour) {
	}

	/** How long ended sessions lasted: a histogram and exact percentiles, in whole seconds. */
	public record Stay(LocalDate from, LocalDate to, long endedSessions, Long medianSeconds, Long p90Seconds,
			Long averageSeconds, List<Bucket> buckets) {
	}

	/** Durations in [minSeconds, maxSeconds); maxSeconds null for the open-ended last bucket. */
	public record Bucket(String label, long minSeconds, Long maxSeconds, long sessions) {
	}

	/** What made users leave: exit reasons, exit pages, and the workflows most often abandoned. */
	public record Leave(LocalDate from, LocalDate to, List<Count> exitReasons, List<Count> exitPages,
			List<WorkflowAbandonment> abandonedWorkflows) {
	}

	public record Count(String name, long sessions) {
	}

	public record WorkflowAbandonment(String workflowId, long started, long abandoned, double abandonRate) {
	}

	/** Pairs of actions used in the same session, ranked by lift. */
	public record Together(LocalDate from, LocalDate to, long sessions, double minSupport, List<ActionPair> pairs) {
	}

	/**
	 * @param support share of all sessions with both actions
	 * @param confidenceAToB share of sessions with {@code a} that also have {@code b}
	 * @param lift how much more often the two occur together than if they were independent (1 = independent)
	 */
	public record ActionPair(String a, String b, long sessions, double support, double confidenceAToB,
			double confidenceBToA, double lift) {
	}

	/**
	 * @param dau average daily active users over the range
	 * @param wau distinct users in the 7 days ending on {@code to}
	 * @param mau distinct users in the 30 days ending on {@code to}
	 * @param stickiness dau / mau
	 * @param patterns users active in the 30 days, by user pattern (as of the last pattern refresh)
	 */
	public record Engagement(LocalDate from, LocalDate to, double dau, long wau, long mau, double stickiness,
			List<Count> patterns) {
	}

}
