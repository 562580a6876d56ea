package dev.sessiontracker.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Decides a user's pattern from their most recent sessions by the seed's rules; see {@link #RULES}. */
public final class UserPatternClassifier {

	public static final String RULES = "From the user's " + PatternProperties.DEFAULT_WINDOW
			+ " most recent sessions (of two that started at the same instant, the one with the greater id first; "
			+ "durations of open sessions count as 0) the first matching rule decides: "
			+ "1) no sessions: new_user; 2) average duration > " + PatternProperties.DEFAULT_POWER_USER_MIN_AVG_DURATION
			+ " s and average actions > " + PatternProperties.DEFAULT_POWER_USER_MIN_AVG_ACTIONS + ": power_user; "
			+ "3) average duration < " + PatternProperties.DEFAULT_QUICK_CHECKER_MAX_AVG_DURATION
			+ " s: quick_checker; "
			+ "4) the most recent session's errors > " + PatternProperties.DEFAULT_STRUGGLING_MIN_LAST_SESSION_ERRORS
			+ ": struggling_user; 5) otherwise regular_user. The numbers are the defaults of tracker.patterns.window, "
			+ ".power-user-min-avg-duration, .power-user-min-avg-actions, .quick-checker-max-avg-duration and "
			+ ".struggling-min-last-session-errors.";

	public static final String CONFIDENCE_RULE = "confidence = evidence × (0.5 + 0.5 × margin), two decimals, where "
			+ "evidence = min(1, sessionsAnalyzed / window) and margin (0 to 1) is how far past the deciding threshold "
			+ "the user is relative to that threshold, capped at 1 (power_user: the smaller of the duration and "
			+ "actions margins; regular_user: the relative distance to the nearest threshold that would change the "
			+ "answer). new_user always has confidence 1.";

	private final PatternProperties thresholds;

	public UserPatternClassifier(PatternProperties thresholds) {
		this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
		if (thresholds.window() < 1) {
			throw new IllegalArgumentException("tracker.patterns.window must be at least 1");
		}
	}

	/**
	 * @param userId the user, echoed in the answer
	 * @param newestFirst the user's sessions, most recent first; entries beyond the window are ignored
	 */
	public UserPattern classify(String userId, List<SessionSummary> newestFirst) {
		return classify(userId,
				Totals.of(newestFirst.subList(0, Math.min(newestFirst.size(), this.thresholds.window()))));
	}

	/**
	 * @param userId the user, echoed in the answer
	 * @param recent the totals of the user's most recent sessions, at most {@code tracker.patterns.window} of them
	 */
	public UserPattern classify(String userId, Totals recent) {
		if (recent.sessions() == 0) {
			return new UserPattern(userId, UserPatternType.NEW_USER, 0, 0, 0, 0, 1.0, List.of("no sessions yet"));
		}
		Averages averages = Averages.of(recent);
		Decision decision = decide(averages);
		List<String> indicators = new ArrayList<>(decision.indicators());
		if (averages.open() > 0) {
			indicators.add(averages.open() + " open session" + (averages.open() == 1 ? "" : "s") + " counted as 0s");
		}
		indicators.add(averages.count() + " session" + (averages.count() == 1 ? "" : "s") + " analyzed");
		double evidence = Math.min(1.0, (double) averages.count() / this.thresholds.window());
		double confidence = evidence * (0.5 + 0.5 * decision.margin());
		return new UserPattern(userId, decision.type(), averages.count(), wholeSeconds(recent),
				round2(averages.actions()), averages.lastErrors(), round2(confidence), indicators);
	}

	private Decision decide(Averages a) {
		PatternProperties t = this.thresholds;
		if (a.duration() > t.powerUserMinAvgDuration() && a.actions() > t.powerUserMinAvgActions()) {
			double margin = Math.min(relative(a.duration() - t.powerUserMinAvgDuration(), t.powerUserMinAvgDuration()),
					relative(a.actions() - t.powerUserMinAvgActions(), t.powerUserMinAvgActions()));
			return new Decision(UserPatternType.POWER_USER, margin,
					List.of("avg duration " + seconds(a.duration()) + " > " + seconds(t.powerUserMinAvgDuration()),
							"avg actions " + number(a.actions()) + " > " + number(t.powerUserMinAvgActions())));
		}
		if (a.duration() < t.quickCheckerMaxAvgDuration()) {
			double margin = relative(t.quickCheckerMaxAvgDuration() - a.duration(), t.quickCheckerMaxAvgDuration());
			return new Decision(UserPatternType.QUICK_CHECKER, margin, List.of(
					"avg duration " + seconds(a.duration()) + " < " + seconds(t.quickCheckerMaxAvgDuration())));
		}
		if (a.lastErrors() > t.strugglingMinLastSessionErrors()) {
			double margin = relative(a.lastErrors() - t.strugglingMinLastSessionErrors(),
					t.strugglingMinLastSessionErrors());
			return new Decision(UserPatternType.STRUGGLING_USER, margin, List.of("last session had " + a.lastErrors()
					+ " errors > " + t.strugglingMinLastSessionErrors()));
		}
		return regular(a);
	}

	private Decision regular(Averages a) {
		PatternProperties t = this.thresholds;
		// Power needs both averages past their thresholds, so its distance is the larger of the two gaps.
		double toPower = Math.max(relative(t.powerUserMinAvgDuration() - a.duration(), t.powerUserMinAvgDuration()),
				relative(t.powerUserMinAvgActions() - a.actions(), t.powerUserMinAvgActions()));
		double toQuick = relative(a.duration() - t.quickCheckerMaxAvgDuration(), t.quickCheckerMaxAvgDuration());
		double toStruggling = relative(t.strugglingMinLastSessionErrors() - a.lastErrors(),
				t.strugglingMinLastSessionErrors());
		String duration = a.duration() > t.powerUserMinAvgDuration()
				? "avg duration " + seconds(a.duration()) + " > " + seconds(t.powerUserMinAvgDuration())
						+ " but avg actions " + number(a.actions()) + " <= " + number(t.powerUserMinAvgActions())
				: "avg duration " + seconds(a.duration()) + " between " + seconds(t.quickCheckerMaxAvgDuration())
						+ " and " + seconds(t.powerUserMinAvgDuration());
		return new Decision(UserPatternType.REGULAR_USER, Math.min(toPower, Math.min(toQuick, toStruggling)),
				List.of(duration, "last session had " + a.lastErrors() + " errors <= "
						+ t.strugglingMinLastSessionErrors()));
	}

	/** {@code distance / threshold} clamped to [0, 1]; a zero threshold counts any positive distance as full. */
	private static double relative(double distance, double threshold) {
		if (threshold <= 0) {
			return distance > 0 ? 1 : 0;
		}
		return Math.max(0, Math.min(1, distance / threshold));
	}

	/** The mean duration as the API writes durations, whole seconds, rounded half up as daily statistics round. */
	private static long wholeSeconds(Totals totals) {
		return BigDecimal.valueOf(totals.endedSeconds())
			.divide(BigDecimal.valueOf(totals.sessions()), 0, RoundingMode.HALF_UP)
			.longValueExact();
	}

	private static double round2(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	private static String number(double value) {
		return BigDecimal.valueOf(round2(value)).stripTrailingZeros().toPlainString();
	}

	private static String seconds(double value) {
		return number(value) + "s";
	}

	/**
	 * What the rules read from a user's most recent sessions.
	 * @param sessions how many
	 * @param endedSeconds the durations of the ended ones, each at least 0 (an open session counts as 0)
	 * @param actions their actions
	 * @param open how many are still open
	 * @param lastErrors the errors of the most recent one (0 without sessions)
	 */
	public record Totals(int sessions, long endedSeconds, long actions, int open, int lastErrors) {

		static Totals of(List<SessionSummary> newestFirst) {
			long duration = 0;
			long actions = 0;
			int open = 0;
			for (SessionSummary session : newestFirst) {
				if (session.ended()) {
					duration += Math.max(0, session.durationSeconds());
				}
				else {
					open++;
				}
				actions += session.actions();
			}
			return new Totals(newestFirst.size(), duration, actions, open,
					newestFirst.isEmpty() ? 0 : newestFirst.get(0).errors());
		}

	}

	private record Averages(int count, double duration, double actions, int lastErrors, int open) {

		static Averages of(Totals totals) {
			int count = totals.sessions();
			return new Averages(count, (double) totals.endedSeconds() / count, (double) totals.actions() / count,
					totals.lastErrors(), totals.open());
		}

	}

	private record Decision(UserPatternType type, double margin, List<String> indicators) {
	}

}
