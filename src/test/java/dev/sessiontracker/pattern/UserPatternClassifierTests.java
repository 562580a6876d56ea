package dev.sessiontracker.pattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UserPatternClassifierTests {

	private static final PatternProperties DEFAULTS = new PatternProperties(20, 1800, 50, 300, 5, true);

	private final UserPatternClassifier classifier = new UserPatternClassifier(DEFAULTS);

	@Test
	void noSessionsMeansNewUserWithFullConfidence() {
		UserPattern pattern = this.classifier.classify("u1", List.of());

		assertThat(pattern.userId()).isEqualTo("u1");
		assertThat(pattern.pattern()).isEqualTo(UserPatternType.NEW_USER);
		assertThat(pattern.sessionsAnalyzed()).isZero();
		assertThat(pattern.confidence()).isEqualTo(1.0);
		assertThat(pattern.indicators()).isNotEmpty();
	}

	@ParameterizedTest(name = "avg duration {0}s, avg actions {1}: {2}")
	@CsvSource({ "1800, 60, REGULAR_USER", "1801, 60, POWER_USER", "2400, 50, REGULAR_USER", "2400, 51, POWER_USER",
			"299, 10, QUICK_CHECKER", "300, 10, REGULAR_USER" })
	void thresholdsAreStrictInequalities(long duration, int actions, UserPatternType expected) {
		assertThat(classifyMany(10, ended(duration, actions, 0)).pattern()).isEqualTo(expected);
	}

	@Test
	void averageDurationExactly1800IsNotPowerUser() {
		assertThat(classifyMany(20, ended(1800, 100, 0)).pattern()).isEqualTo(UserPatternType.REGULAR_USER);
	}

	@Test
	void powerUserIndicatorsQuoteBothAveragesAndTheirThresholds() {
		List<SessionSummary> sessions = List.of(ended(2400, 63, 0), ended(2400, 64, 0));

		UserPattern pattern = this.classifier.classify("u", sessions);

		assertThat(pattern.pattern()).isEqualTo(UserPatternType.POWER_USER);
		assertThat(pattern.avgActions()).isEqualTo(63.5);
		assertThat(pattern.indicators()).contains("avg duration 2400s > 1800s", "avg actions 63.5 > 50",
				"2 sessions analyzed");
	}

	@Test
	void quickCheckerIndicatorQuotesTheAverageDuration() {
		UserPattern pattern = classifyMany(20, ended(120, 3, 0));

		assertThat(pattern.pattern()).isEqualTo(UserPatternType.QUICK_CHECKER);
		assertThat(pattern.indicators()).contains("avg duration 120s < 300s", "20 sessions analyzed");
	}

	@ParameterizedTest(name = "{0} errors on the most recent session: {1}")
	@CsvSource({ "5, REGULAR_USER", "6, STRUGGLING_USER" })
	void moreThanFiveErrorsOnTheMostRecentSessionIsStruggling(int errors, UserPatternType expected) {
		List<SessionSummary> sessions = List.of(ended(900, 20, errors), ended(900, 20, 0));

		UserPattern pattern = this.classifier.classify("u", sessions);

		assertThat(pattern.pattern()).isEqualTo(expected);
		assertThat(pattern.lastSessionErrors()).isEqualTo(errors);
	}

	@Test
	void strugglingIndicatorQuotesTheLastSessionsErrors() {
		UserPattern pattern = this.classifier.classify("u", List.of(ended(900, 20, 7)));

		assertThat(pattern.indicators()).contains("last session had 7 errors > 5");
	}

	@Test
	void errorsOnAnOlderSessionDoNotCount() {
		UserPattern pattern = this.classifier.classify("u", List.of(ended(900, 20, 0), ended(900, 20, 30)));

		assertThat(pattern.pattern()).isEqualTo(UserPatternType.REGULAR_USER);
		assertThat(pattern.lastSessionErrors()).isZero();
	}

	@Test
	void exactlyTwentySessionsAreAllAnalyzed() {
		UserPattern pattern = classifyMany(20, ended(2400, 60, 0));

		assertThat(pattern.sessionsAnalyzed()).isEqualTo(20);
		assertThat(pattern.pattern()).isEqualTo(UserPatternType.POWER_USER);
	}

	@Test
	void onlyTheTwentyNewestOfTwentyFiveSessionsAreAnalyzed() {
		// With the 5 oldest empty sessions included, avg actions would be 48 and the user regular.
		List<SessionSummary> sessions = new ArrayList<>(Collections.nCopies(20, ended(2400, 60, 0)));
		sessions.addAll(Collections.nCopies(5, ended(0, 0, 0)));

		UserPattern pattern = this.classifier.classify("u", sessions);

		assertThat(pattern.sessionsAnalyzed()).isEqualTo(20);
		assertThat(pattern.avgDuration()).isEqualTo(2400);
		assertThat(pattern.avgActions()).isEqualTo(60.0);
		assertThat(pattern.pattern()).isEqualTo(UserPatternType.POWER_USER);
	}

	@Test
	void anOpenSessionCountsAsZeroDurationAndCanPullTheAverageUnder300() {
		List<SessionSummary> sessions = List.of(open(400, 5), ended(400, 5, 0), ended(400, 5, 0));

		UserPattern pattern = this.classifier.classify("u", sessions);

		assertThat(pattern.pattern()).isEqualTo(UserPatternType.QUICK_CHECKER);
		assertThat(pattern.avgDuration()).isEqualTo(267);
		assertThat(pattern.indicators()).contains("1 open session counted as 0s");
	}

	@Test
	void averageActionsAreRoundedToTwoDecimalsAndTheAverageDurationToWholeSeconds() {
		UserPattern pattern = this.classifier.classify("u",
				List.of(ended(1000, 10, 0), ended(1000, 10, 0), ended(1001, 11, 0)));

		assertThat(pattern.avgDuration()).isEqualTo(1000);
		assertThat(pattern.avgActions()).isEqualTo(10.33);
	}

	@Test
	void theAverageDurationIsAnsweredRoundedHalfUpWhileTheRulesCompareTheExactMean() {
		UserPattern power = this.classifier.classify("u", List.of(ended(1800, 60, 0), ended(1801, 60, 0)));
		UserPattern quick = this.classifier.classify("u", List.of(ended(299, 10, 0), ended(300, 10, 0)));

		assertThat(power.avgDuration()).isEqualTo(1801);
		assertThat(power.pattern()).as("1800.5 s > 1800 s").isEqualTo(UserPatternType.POWER_USER);
		assertThat(quick.avgDuration()).isEqualTo(300);
		assertThat(quick.pattern()).as("299.5 s < 300 s").isEqualTo(UserPatternType.QUICK_CHECKER);
	}

	@Test
	void aPowerUserWithManyLastSessionErrorsIsStillPowerUser() {
		List<SessionSummary> sessions = List.of(ended(2400, 60, 7), ended(2400, 60, 0));

		assertThat(this.classifier.classify("u", sessions).pattern()).isEqualTo(UserPatternType.POWER_USER);
	}

	@Test
	void aQuickCheckerWithManyLastSessionErrorsIsStillQuickChecker() {
		List<SessionSummary> sessions = List.of(ended(100, 5, 7), ended(100, 5, 0));

		assertThat(this.classifier.classify("u", sessions).pattern()).isEqualTo(UserPatternType.QUICK_CHECKER);
	}

	@Test
	void aRegularUserIsToldWhichThresholdsItSitsBetween() {
		UserPattern pattern = classifyMany(20, ended(900, 20, 2));

		assertThat(pattern.pattern()).isEqualTo(UserPatternType.REGULAR_USER);
		assertThat(pattern.indicators()).contains("avg duration 900s between 300s and 1800s",
				"last session had 2 errors <= 5");
	}

	@Test
	void aLongButCalmRegularUserIsToldTheActionsFellShort() {
		UserPattern pattern = classifyMany(20, ended(2400, 30, 0));

		assertThat(pattern.pattern()).isEqualTo(UserPatternType.REGULAR_USER);
		assertThat(pattern.indicators()).contains("avg duration 2400s > 1800s but avg actions 30 <= 50");
	}

	@ParameterizedTest(name = "{0} x ({1}s, {2} actions, {3} errors)")
	@CsvSource({ "1, 0, 0, 0", "1, 100000, 100000, 100", "20, 1801, 51, 0", "30, 3600, 100, 0", "5, 0, 0, 50",
			"20, 299, 1, 0", "20, 300, 50, 5", "20, 900, 25, 6", "20, 100000, 1, 0", "3, 1000, 1000, 11" })
	void confidenceIsAlwaysBetweenZeroAndOneWithTwoDecimals(int count, long duration, int actions, int errors) {
		double confidence = classifyMany(count, ended(duration, actions, errors)).confidence();

		assertThat(confidence).isBetween(0.0, 1.0);
		assertThat(BigDecimal.valueOf(confidence).scale()).isLessThanOrEqualTo(2);
	}

	@Test
	void confidenceGrowsWithMoreSessionsUpToTheWindow() {
		double five = classifyMany(5, ended(3600, 100, 0)).confidence();
		double ten = classifyMany(10, ended(3600, 100, 0)).confidence();
		double twenty = classifyMany(20, ended(3600, 100, 0)).confidence();
		double thirty = classifyMany(30, ended(3600, 100, 0)).confidence();

		assertThat(five).isLessThan(ten);
		assertThat(ten).isLessThan(twenty);
		assertThat(thirty).isEqualTo(twenty).isEqualTo(1.0);
	}

	@Test
	void confidenceGrowsWithTheMarginPastTheDecidingThreshold() {
		assertThat(classifyMany(20, ended(1900, 100, 0)).confidence())
			.isLessThan(classifyMany(20, ended(2700, 100, 0)).confidence());
		assertThat(classifyMany(20, ended(250, 5, 0)).confidence())
			.isLessThan(classifyMany(20, ended(60, 5, 0)).confidence());
		assertThat(this.classifier.classify("u", List.of(ended(900, 20, 6))).confidence())
			.isLessThan(this.classifier.classify("u", List.of(ended(900, 20, 9))).confidence());
	}

	@Test
	void confidenceFollowsTheDocumentedFormula() {
		// Power user over 10 sessions: evidence 0.5; margins 600/1800 and 13.5/50, the smaller counts.
		List<SessionSummary> sessions = new ArrayList<>(Collections.nCopies(5, ended(2400, 63, 0)));
		sessions.addAll(Collections.nCopies(5, ended(2400, 64, 0)));

		assertThat(this.classifier.classify("u", sessions).confidence()).isEqualTo(0.32);
	}

	@Test
	void aRegularUserNextToAThresholdHasLowConfidence() {
		double nearQuick = classifyMany(20, ended(310, 20, 0)).confidence();
		double nearStruggling = classifyMany(20, ended(900, 20, 5)).confidence();
		double middle = classifyMany(20, ended(900, 20, 0)).confidence();

		assertThat(nearQuick).isLessThan(middle);
		assertThat(nearStruggling).isEqualTo(0.5);
	}

	@Test
	void customThresholdsReplaceTheSeedsNumbers() {
		UserPatternClassifier custom = new UserPatternClassifier(new PatternProperties(3, 600, 10, 60, 1, false));
		List<SessionSummary> powerThenIdle = List.of(ended(700, 11, 0), ended(700, 11, 0), ended(700, 11, 0),
				ended(0, 0, 0));

		UserPattern power = custom.classify("u", powerThenIdle);

		assertThat(power.pattern()).isEqualTo(UserPatternType.POWER_USER);
		assertThat(power.sessionsAnalyzed()).isEqualTo(3);
		assertThat(power.confidence()).isEqualTo(0.55);
		assertThat(power.indicators()).contains("avg duration 700s > 600s", "avg actions 11 > 10");
		assertThat(custom.classify("u", List.of(ended(59, 1, 0))).pattern()).isEqualTo(UserPatternType.QUICK_CHECKER);
		assertThat(custom.classify("u", List.of(ended(200, 1, 2))).pattern())
			.isEqualTo(UserPatternType.STRUGGLING_USER);
		assertThat(custom.classify("u", List.of(ended(200, 1, 1))).pattern()).isEqualTo(UserPatternType.REGULAR_USER);
	}

	@Test
	void aWindowBelowOneIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UserPatternClassifier(new PatternProperties(0, 1800, 50, 300, 5, false)));
	}

	@Test
	void unsetPropertiesBindToTheSeedsDefaults() {
		PatternProperties bound = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("tracker.patterns", PatternProperties.class);

		assertThat(bound).isEqualTo(DEFAULTS);
	}

	@Test
	void kebabCasePropertiesOverrideTheDefaults() {
		PatternProperties bound = new Binder(new MapConfigurationPropertySource(
				Map.of("tracker.patterns.window", "5", "tracker.patterns.power-user-min-avg-actions", "12.5",
						"tracker.patterns.include-bots", "false")))
			.bindOrCreate("tracker.patterns", PatternProperties.class);

		assertThat(bound).isEqualTo(new PatternProperties(5, 1800, 12.5, 300, 5, false));
	}

	@Test
	void theRulesTextQuotesTheDefaultNumbersInOrder() {
		assertThat(UserPatternClassifier.RULES).containsSubsequence("20", "new_user", "> 1800", "> 50", "power_user",
				"< 300", "quick_checker", "> 5", "struggling_user", "regular_user");
		assertThat(UserPatternClassifier.CONFIDENCE_RULE).contains("evidence", "margin", "new_user");
	}

	@Test
	void patternTypesAreWrittenInLowerCase() {
		assertThat(UserPatternType.STRUGGLING_USER.value()).isEqualTo("struggling_user");
		assertThat(UserPatternType.NEW_USER.value()).isEqualTo("new_user");
	}

	private UserPattern classifyMany(int count, SessionSummary session) {
		return this.classifier.classify("u", Collections.nCopies(count, session));
	}

	private static SessionSummary ended(long durationSeconds, int actions, int errors) {
		return new SessionSummary(durationSeconds, actions, errors, true);
	}

	private static SessionSummary open(long durationSoFar, int actions) {
		return new SessionSummary(durationSoFar, actions, 0, false);
	}

}
