package dev.sessiontracker.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class SessionPatternClassifierTests {

	private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	private final SessionPatternClassifier classifier = new SessionPatternClassifier();

	@Test
	void anExplorerWandersEightPagesWithoutWorkflows() {
		SessionPattern pattern = this.classifier.classify(600, explorer());

		assertThat(pattern.type()).isEqualTo(SessionPatternType.EXPLORER);
		assertThat(pattern.indicators()).contains("8 distinct pages", "no workflows");
		assertThat(pattern.confidence()).isEqualTo(0.9);
	}

	@Test
	void aCheckoutStartedAndCompletedOnTwoPagesIsTaskFocused() {
		SessionPattern pattern = this.classifier.classify(240, checkout());

		assertThat(pattern.type()).isEqualTo(SessionPatternType.TASK_FOCUSED);
		assertThat(pattern.indicators()).contains("1 of 1 workflows completed", "only 2 distinct pages");
		assertThat(pattern.confidence()).isEqualTo(1.0);
	}

	@Test
	void aCheckoutCompletedAndStartedAgainWithoutCompletingIsAbandonedWhateverTheOrderOfItsEvents() {
		EventFacts restart = new EventFacts("workflow_start", START.plusSeconds(60), null, "checkout");
		List<EventFacts> events = new ArrayList<>(checkout());
		events.add(restart);
		events.add(error());
		List<EventFacts> restartFirst = new ArrayList<>(events);
		restartFirst.remove(restart);
		restartFirst.add(0, restart);

		for (List<EventFacts> order : List.of(events, restartFirst)) {
			SessionPattern pattern = this.classifier.classify(240, order);

			assertThat(pattern.type()).isEqualTo(SessionPatternType.CONFUSED);
			assertThat(pattern.indicators()).containsExactly("1 error", "1 abandoned workflow");
		}
	}

	@Test
	void errorsBackAndForthARepeatedRunAndAnAbandonedWorkflowAreConfused() {
		SessionPattern pattern = this.classifier.classify(300, confused());

		assertThat(pattern.type()).isEqualTo(SessionPatternType.CONFUSED);
		assertThat(pattern.indicators()).containsExactly("2 errors", "1 run of the same action 3+ times in a row",
				"back-and-forth between pages 2 times", "1 abandoned workflow");
		assertThat(pattern.confidence()).isEqualTo(1.0);
	}

	@Test
	void twoHoursOfEightyMixedActionsWithCompletedWorkflowsIsAPowerUser() {
		SessionPattern pattern = this.classifier.classify(7200, power(80));

		assertThat(pattern.type()).isEqualTo(SessionPatternType.POWER_USER);
		assertThat(pattern.indicators()).contains("session lasted 7200s >= 1800s", "80 actions >= 50");
		assertThat(pattern.confidence()).isEqualTo(0.8);
	}

	@Test
	void exactly1800SecondsAndFiftyActionsIsAlreadyPowerUser() {
		assertThat(this.classifier.classify(1800, power(50)).type()).isEqualTo(SessionPatternType.POWER_USER);
		assertThat(this.classifier.classify(1799, power(50)).type()).isNotEqualTo(SessionPatternType.POWER_USER);
		assertThat(this.classifier.classify(1800, power(49)).type()).isNotEqualTo(SessionPatternType.POWER_USER);
	}

	@Test
	void aLongAndIntenseSessionFullOfConfusionIsConfused() {
		List<EventFacts> events = new ArrayList<>(power(80));
		events.addAll(List.of(error(), view("/p1"), error(), view("/p2"), error(), view("/p3"), error(), view("/p4"),
				error()));

		SessionPattern pattern = this.classifier.classify(7200, events);

		assertThat(pattern.type()).isEqualTo(SessionPatternType.CONFUSED);
		assertThat(pattern.indicators()).contains("5 errors");
	}

	@Test
	void fiveErrorsAloneAreConfusedButFourAreNot() {
		List<EventFacts> five = List.of(error(), view("/a"), error(), view("/b"), error(), view("/c"), error(),
				view("/d"), error());

		assertThat(this.classifier.classify(120, five).type()).isEqualTo(SessionPatternType.CONFUSED);
		assertThat(this.classifier.classify(120, five.subList(0, 7)).type()).isEqualTo(SessionPatternType.EXPLORER);
	}

	@Test
	void aSingleReturnToAListPageIsOrdinaryNavigation() {
		List<EventFacts> events = List.of(view("/list"), view("/item/1"), view("/list"), view("/item/2"), error());

		assertThat(this.classifier.classify(120, events).type()).isNotEqualTo(SessionPatternType.CONFUSED);
	}

	@Test
	void reloadingAPageIsARepeatedRunNotABackAndForth() {
		List<EventFacts> events = List.of(view("/a"), view("/a"), view("/a"), view("/a"), click(), click(), click(),
				error());

		SessionPattern pattern = this.classifier.classify(60, events);

		assertThat(pattern.indicators()).contains("2 runs of the same action 3+ times in a row")
			.noneMatch(indicator -> indicator.startsWith("back-and-forth"));
	}

	@Test
	void viewingDifferentPagesInARowIsNotARepeatedAction() {
		List<EventFacts> events = List.of(view("/a"), view("/b"), view("/c"), error(), view("/b"), view("/c"));

		assertThat(this.classifier.classify(60, events).indicators()).noneMatch(i -> i.contains("in a row"));
	}

	@Test
	void oneConfusionSignalLowersButDoesNotOverturnTaskFocus() {
		List<EventFacts> events = new ArrayList<>(checkout());
		events.add(error());

		SessionPattern pattern = this.classifier.classify(240, events);

		assertThat(pattern.type()).isEqualTo(SessionPatternType.TASK_FOCUSED);
		assertThat(pattern.confidence()).isEqualTo(0.88);
	}

	@Test
	void completedWorkflowsAmongManyPagesStillMakeAnExplorerButALessCertainOne() {
		List<EventFacts> events = new ArrayList<>(explorer());
		events.addAll(List.of(start("newsletter"), complete("newsletter")));

		SessionPattern pattern = this.classifier.classify(600, events);

		assertThat(pattern.type()).isEqualTo(SessionPatternType.EXPLORER);
		assertThat(pattern.indicators()).contains("1 of 1 workflows completed");
		assertThat(pattern.confidence()).isLessThan(this.classifier.classify(600, explorer()).confidence());
	}

	@Test
	void anEmptySessionIsAnExplorerWithLowConfidence() {
		SessionPattern pattern = this.classifier.classify(0, List.of());

		assertThat(pattern.type()).isEqualTo(SessionPatternType.EXPLORER);
		assertThat(pattern.confidence()).isEqualTo(0.1);
		assertThat(pattern.indicators()).containsExactly("no events");
	}

	@Test
	void aNarrowSessionWithoutDecisiveSignalsFallsBackWithLowConfidence() {
		SessionPattern browsing = this.classifier.classify(60, List.of(view("/a"), click(), view("/b")));
		SessionPattern working = this.classifier.classify(60, List.of(view("/a"), start("w"), view("/b"), view("/c"),
				view("/d"), complete("w")));

		assertThat(browsing.type()).isEqualTo(SessionPatternType.EXPLORER);
		assertThat(browsing.indicators()).contains("no decisive signal", "2 page views of 2 distinct pages");
		assertThat(working.type()).isEqualTo(SessionPatternType.TASK_FOCUSED);
		assertThat(List.of(browsing.confidence(), working.confidence())).containsOnly(0.3);
	}

	@Test
	void moreConfusionSignalsGiveMoreConfidence() {
		List<EventFacts> two = List.of(view("/a"), error(), click(), click(), click());

		assertThat(this.classifier.classify(60, two).type()).isEqualTo(SessionPatternType.CONFUSED);
		assertThat(this.classifier.classify(60, two).confidence())
			.isLessThan(this.classifier.classify(60, confused()).confidence());
	}

	@Test
	void eventsWithoutPageOrWorkflowIdAreCountedButNotNamed() {
		List<EventFacts> events = List.of(new EventFacts("page_view", START, null, null),
				new EventFacts("workflow_start", START, null, null), new EventFacts(null, START, null, null));

		SessionPattern pattern = this.classifier.classify(10, events);

		assertThat(pattern.indicators()).contains("1 page view of 0 distinct pages", "no workflows");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sessions")
	void confidenceIsBetweenZeroAndOneWithTwoDecimals(String name, long duration, List<EventFacts> events) {
		SessionPattern pattern = this.classifier.classify(duration, events);

		assertThat(pattern.confidence()).isBetween(0.0, 1.0);
		assertThat(BigDecimal.valueOf(pattern.confidence()).scale()).isLessThanOrEqualTo(2);
		assertThat(pattern.indicators()).isNotEmpty();
	}

	@Test
	void theRulesTextNamesEveryTypeInTheOrderTheyAreTried() {
		assertThat(SessionPatternClassifier.RULES).containsSubsequence("confused", "power_user", "task_focused",
				"explorer", "Confidence");
		assertThat(SessionPatternType.TASK_FOCUSED.value()).isEqualTo("task_focused");
	}

	static Stream<Arguments> sessions() {
		return Stream.of(Arguments.of("empty", 0L, List.of()), Arguments.of("explorer", 600L, explorer()),
				Arguments.of("checkout", 240L, checkout()), Arguments.of("confused", 300L, confused()),
				Arguments.of("power", 7200L, power(80)), Arguments.of("marathon", 86_400L, power(5000)),
				Arguments.of("errors only", 10L, List.of(error(), error(), error(), error(), error(), error())),
				Arguments.of("negative duration", -5L, List.of(click())));
	}

	private static List<EventFacts> explorer() {
		return List.of(view("/home"), click(), view("/pricing"), view("/features"), scroll(), view("/blog"),
				view("/blog/post-1"), view("/about"), click(), view("/docs"), view("/careers"));
	}

	private static List<EventFacts> checkout() {
		return List.of(view("/cart"), start("checkout"), click(), view("/checkout"), scroll(), complete("checkout"));
	}

	private static List<EventFacts> confused() {
		return List.of(view("/a"), error(), view("/b"), view("/a"), view("/b"), click(), click(), click(),
				start("signup"), error());
	}

	/** Mixed actions: 10 distinct pages, 2 completed workflows, the rest alternating clicks and scrolls. */
	private static List<EventFacts> power(int actions) {
		List<EventFacts> events = new ArrayList<>(List.of(start("report"), complete("report"), start("export"),
				complete("export")));
		for (int i = 0; events.size() < actions; i++) {
			events.add(i % 8 == 0 && i < 80 ? view("/p" + i / 8) : (i % 2 == 0 ? click() : scroll()));
		}
		return events;
	}

	private static EventFacts view(String page) {
		return new EventFacts("page_view", START, page, null);
	}

	private static EventFacts click() {
		return new EventFacts("click", START, null, null);
	}

	private static EventFacts scroll() {
		return new EventFacts("scroll", START, null, null);
	}

	private static EventFacts error() {
		return new EventFacts("error", START, null, null);
	}

	private static EventFacts start(String workflowId) {
		return new EventFacts("workflow_start", START, null, workflowId);
	}

	private static EventFacts complete(String workflowId) {
		return new EventFacts("workflow_complete", START, null, workflowId);
	}

}
