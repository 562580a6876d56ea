package dev.sessiontracker.pattern;

import java.util.List;

/**
 * A user's pattern with the numbers it was decided on.
 *
 * @param userId the user
 * @param pattern the first rule that matched
 * @param sessionsAnalyzed how many of the user's most recent sessions were analyzed
 * @param avgDuration mean duration in whole seconds, rounded half up (open sessions count as 0); the rules compare
 *        the exact mean
 * @param avgActions mean actions per session, two decimals
 * @param lastSessionErrors errors of the most recent session
 * @param confidence 0 to 1, two decimals; see {@link UserPatternClassifier#CONFIDENCE_RULE}
 * @param indicators short human-readable reasons for the decision
 */
public record UserPattern(String userId, UserPatternType pattern, int sessionsAnalyzed, long avgDuration,
		double avgActions, int lastSessionErrors, double confidence, List<String> indicators) {

	public UserPattern {
		indicators = List.copyOf(indicators);
	}

}
