package dev.sessiontracker.pattern;

import java.util.List;

/**
 * The pattern of one session, as in the seed's {@code SessionPattern}.
 *
 * @param type the first rule that matched; see {@link SessionPatternClassifier#RULES}
 * @param indicators the features that decided it
 * @param confidence 0 to 1, two decimals
 */
public record SessionPattern(SessionPatternType type, List<String> indicators, double confidence) {

	public SessionPattern {
		indicators = List.copyOf(indicators);
	}

}
