package dev.sessiontracker.pattern;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds of the user pattern rules ({@code tracker.patterns.*}); the defaults are the seed's.
 *
 * @param window how many of the user's most recent sessions are analyzed
 * @param powerUserMinAvgDuration power_user needs an average duration above this many seconds
 * @param powerUserMinAvgActions power_user also needs more average actions than this
 * @param quickCheckerMaxAvgDuration quick_checker needs an average duration below this many seconds
 * @param strugglingMinLastSessionErrors struggling_user needs more errors than this in the most recent session
 * @param includeBots whether sessions flagged as bots count in users' patterns: by default they do, as api.md reads a
 * pattern from the user's most recent sessions, all of them
 */
@Validated
@ConfigurationProperties("tracker.patterns")
public record PatternProperties(@DefaultValue(PatternProperties.DEFAULT_WINDOW) @Positive int window,
		@DefaultValue(PatternProperties.DEFAULT_POWER_USER_MIN_AVG_DURATION) @PositiveOrZero
		long powerUserMinAvgDuration,
		@DefaultValue(PatternProperties.DEFAULT_POWER_USER_MIN_AVG_ACTIONS) @PositiveOrZero
		double powerUserMinAvgActions,
		@DefaultValue(PatternProperties.DEFAULT_QUICK_CHECKER_MAX_AVG_DURATION) @PositiveOrZero
		long quickCheckerMaxAvgDuration,
		@DefaultValue(PatternProperties.DEFAULT_STRUGGLING_MIN_LAST_SESSION_ERRORS) @PositiveOrZero
		int strugglingMinLastSessionErrors, @DefaultValue("true") boolean includeBots) {

	// Constants rather than literals so that the rule texts quote exactly the defaults.
	static final String DEFAULT_WINDOW = "20";

	static final String DEFAULT_POWER_USER_MIN_AVG_DURATION = "1800";

	static final String DEFAULT_POWER_USER_MIN_AVG_ACTIONS = "50";

	static final String DEFAULT_QUICK_CHECKER_MAX_AVG_DURATION = "300";

	static final String DEFAULT_STRUGGLING_MIN_LAST_SESSION_ERRORS = "5";

}
