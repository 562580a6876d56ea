package dev.sessiontracker.sdk;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.FluentWait;
import tools.jackson.databind.JsonNode;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browser SDK in a real headless Chromium against the real service: what the page does is read back through
 * the API and the database. Nothing sleeps: the tests wait for the server's state, and move the SDK's clock with
 * its {@code _advance} hook and the server's with {@link #clock}.
 */
class SdkBrowserTests extends HttpTest {

	/** Effectively never: batches then go only when full, on flush() or when the page is hidden or left. */
	private static final long NEVER = 3_600_000;

	private Instant start;

	private String user;

	@BeforeEach
	void setUpBrowserTest() {
		assumeTrue(Browser.available(), "browser tests skipped: " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
				+ " is missing");
		// The browser stamps events with its real time and the server refuses timestamps more than 24 h from its
		// clock, so the server's clock starts at the real time (whole seconds) and the tests move it from there.
		this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(this.start);
		this.user = "sdk-" + UUID.randomUUID();
	}

	@Test
	void initStartsASessionWithTheUserTheScreenSizeAndTheEntryPage() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user));

			JsonNode session = session(id);
			assertThat(session.get("userId").asString()).isEqualTo(this.user);
			assertThat(session.at("/device/screenSize").asString()).isEqualTo("1280x900");
			assertThat(session.at("/entry/page").asString()).isEqualTo("/sdk/v1/demo.html");
			assertThat(browser.js("return SessionTracker.getSessionId()")).isEqualTo(id);
		}
	}

	@Test
	void eventsAreSentInBatchesOfFiveWithDistinctIds() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "batchSize", 5, "flushInterval", NEVER));
			List.of("click_1", "click_2", "click_3", "click_4").forEach(action -> track(browser, action));
			// Four queued events send nothing at all, so there is nothing to wait for.
			assertThat(events(id)).isEmpty();
			assertThat(state(browser).get("queued")).isEqualTo(4L);

			track(browser, "click_5");

			List<JsonNode> events = await("5 events stored", () -> events(id), stored -> stored.size() == 5);
			assertThat(events).extracting(event -> event.get("action").asString())
				.containsExactly("click_1", "click_2", "click_3", "click_4", "click_5");
			assertThat(events).extracting(event -> event.get("id").asString()).doesNotHaveDuplicates();
		}
	}

	@Test
	void eventsTrackedInOneMillisecondAreStoredInTheOrderTheyWereTrackedIn() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "trackPageViews", true, "batchSize", 500,
					"flushInterval", NEVER, "pageQuery", true));
			// A loop tracks many events a millisecond, and the server orders equal timestamps by event id.
			browser.js("for (var i = 0; i < 40; i++) { SessionTracker.track('e' + i); }"
					+ " history.pushState({}, '', '/sdk/v1/demo.html?a'); history.pushState({}, '', '/sdk/v1/demo.html?b');");

			call(browser, "end('logout')");

			List<String> expected = new ArrayList<>(List.of("page_view"));
			IntStream.range(0, 40).forEach(i -> expected.add("e" + i));
			expected.addAll(List.of("page_view", "page_view"));
			List<JsonNode> events = events(id);
			assertThat(events).extracting(event -> event.get("action").asString()).containsExactlyElementsOf(expected);
			assertThat(events).extracting(event -> UUID.fromString(event.get("id").asString()))
				.allSatisfy(eventId -> assertThat(eventId.version()).isEqualTo(7))
				.allSatisfy(eventId -> assertThat(eventId.variant()).isEqualTo(2));
			assertThat(session(id).at("/exit/page").asString()).isEqualTo("/sdk/v1/demo.html?b");
		}
	}

	@Test
	void longActionsAndErrorMessagesAreCutBeforeAnEmojiTheLimitWouldSplit() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			// 49 letters and an emoji are 51 UTF-16 units; cut at 50, the emoji's first half would stay.
			browser.js("SessionTracker.track('a'.repeat(49) + '\\uD83D\\uDE00');"
					+ "SessionTracker.error('b'.repeat(999) + '\\uD83D\\uDE00');");

			call(browser, "flush()");

			List<JsonNode> events = await("2 events stored", () -> events(id), stored -> stored.size() == 2);
			assertThat(events.get(0).get("action").asString()).isEqualTo("a".repeat(49));
			assertThat(events.get(1).at("/data/message").asString()).isEqualTo("b".repeat(999));
		}
	}

	@Test
	void flushSendsEverythingQueuedBatchAfterBatch() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "batchSize", 500, "flushInterval", NEVER));
			// 250 events: a request carries at most 100.
			browser.js("for (var i = 0; i < 250; i++) { SessionTracker.track('queued_' + i); }");

			call(browser, "flush()");

			assertThat(events(id)).hasSize(250);
			assertThat(state(browser).get("queued")).isEqualTo(0L);
		}
	}

	@Test
	void hidingOrLeavingThePageSendsWhatIsQueued() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "first");
			track(browser, "second");

			browser.hide();
			await("2 events stored after hiding", () -> events(id), stored -> stored.size() == 2);
			// The send that hiding started must have finished in the page too (flush() returns it while it runs):
			// a pagehide while it is still running sends nothing new.
			call(browser, "flush()");

			track(browser, "third");
			browser.open("about:blank");
			List<JsonNode> events = await("3 events stored after leaving", () -> events(id), s -> s.size() == 3);
			assertThat(events).extracting(event -> event.get("action").asString())
				.containsExactly("first", "second", "third");
		}
	}

	@Test
	void whatAPageClosedOfflineLeftQueuedIsSentByTheNextPageThatResumesTheSession() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "while_offline");
			// Every request of this page fails from now on, the leaving one too, as when the network is gone (the
			// browser's offline emulation does not reach the keepalive request a page sends as it goes away).
			browser.js("window.fetch = function () { return Promise.reject(new TypeError('Failed to fetch')); }");

			browser.open("about:blank");
			browser.open(demoUrl());
			assertThat(init(browser, Map.of("userId", this.user, "flushInterval", NEVER))).isEqualTo(id);

			assertThat(await("the event left behind stored", () -> events(id), stored -> stored.size() == 1).get(0)
				.get("action").asString()).isEqualTo("while_offline");
			assertThat(browser.js("return localStorage.getItem('session-tracker.pending')")).isNull();
		}
	}

	@Test
	void withEndOnPageCloseLeavingThePageSendsWhatIsQueuedAndEndsTheSession() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "endOnPageClose", true, "flushInterval", NEVER));
			track(browser, "before_leaving");

			browser.open("about:blank");

			JsonNode ended = await("the session ended", () -> session(id), s -> !s.get("exit").isNull());
			assertThat(ended.at("/exit/reason").asString()).isEqualTo("navigation");
			assertThat(ended.at("/exit/lastAction").asString()).isEqualTo("before_leaving");
			assertThat(events(id)).extracting(event -> event.get("action").asString())
				.containsExactly("before_leaving");
		}
	}

	@Test
	void withEndOnPageCloseLeavingThePageWithNothingQueuedEndsTheSession() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "endOnPageClose", true));

			browser.open("about:blank");

			JsonNode ended = await("the session ended", () -> session(id), s -> !s.get("exit").isNull());
			assertThat(ended.at("/exit/reason").asString()).isEqualTo("navigation");
			assertThat(ended.get("actions").asInt()).isZero();
		}
	}

	@Test
	void aReloadedPageRecoversItsSessionAndKeepsWritingToIt() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user));

			browser.open(demoUrl());
			assertThat(init(browser, Map.of("userId", this.user))).isEqualTo(id);
			track(browser, "after_reload");
			call(browser, "flush()");

			assertThat(await("1 event stored", () -> events(id), stored -> stored.size() == 1).get(0)
				.get("action").asString()).isEqualTo("after_reload");
			assertThat(sessionsOfUser()).isEqualTo(1);
		}
	}

	@Test
	void twoTabsOfTheSameUserShareOneSession() {
		try (Browser browser = demo()) {
			String first = browser.handle();
			String id = init(browser, Map.of("userId", this.user));

			browser.newTab();
			browser.open(demoUrl());
			assertThat(init(browser, Map.of("userId", this.user))).isEqualTo(id);
			track(browser, "in_second_tab");
			call(browser, "flush()");
			browser.switchTo(first);
			track(browser, "in_first_tab");
			call(browser, "flush()");

			assertThat(await("2 events stored", () -> events(id), stored -> stored.size() == 2))
				.extracting(event -> event.get("action").asString())
				.containsExactlyInAnyOrder("in_first_tab", "in_second_tab");
			assertThat(sessionsOfUser()).isEqualTo(1);
		}
	}

	@Test
	void tabsOfOneUserStartingAtTheSameMomentCreateOneSessionAndEachWritesToIt() {
		try (Browser browser = demo()) {
			String first = browser.handle();
			String second = browser.newTab();
			browser.open(demoUrl());

			String id = startTwoTabsAtOnce(browser, first, second, 0);

			assertThat(sessionsOfUser()).isEqualTo(1);
			browser.switchTo(first);
			assertThat(browser.js("return SessionTracker.getSessionId()")).isEqualTo(id);
			track(browser, "in_first_tab");
			call(browser, "flush()");
			browser.switchTo(second);
			track(browser, "in_second_tab");
			call(browser, "flush()");
			assertThat(actions(id)).containsExactlyInAnyOrder("in_first_tab", "in_second_tab");
		}
	}

	@Test
	void aTabThatJoinsTheSessionAnotherTabStartedAtTheSameMomentTakesTheClockOffsetItLearnt() {
		try (Browser browser = demo()) {
			String first = browser.handle();
			String second = browser.newTab();
			browser.open(demoUrl());

			// Both tabs' clocks are 25 h ahead: only a start's answer tells by how much, and only the first tab has one.
			String id = startTwoTabsAtOnce(browser, first, second, 25 * 3_600_000L);
			track(browser, "in_second_tab");
			call(browser, "flush()");

			assertThat(sessionsOfUser()).isEqualTo(1);
			assertThat(actions(id)).containsExactly("in_second_tab");
		}
	}

	@Test
	void withoutWebLocksTheSdkStillStartsASessionDeliversItsEventsAndEndsItWithoutAnErrorInThePage() {
		try (Browser browser = new Browser()) {
			// An older browser, or a page that is not a secure context: no navigator.locks, from before the SDK loads.
			// Whatever would be thrown into the page, synchronously or as a rejection nobody handles, is collected.
			browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
					"Object.defineProperty(navigator, 'locks', {value: undefined}); window.thrown = [];"
							+ " window.addEventListener('error', function (e) { thrown.push(String(e.message)); });"
							+ " window.addEventListener('unhandledrejection', function (e) { thrown.push(String(e.reason)); });"));
			browser.open(demoUrl());
			assertThat(browser.js("return navigator.locks")).as("the page has no Web Locks").isNull();

			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "without_locks");
			call(browser, "flush()");
			assertThat(actions(id)).containsExactly("without_locks");
			track(browser, "before_end");
			call(browser, "end('logout')");

			JsonNode session = session(id);
			assertThat(session.get("userId").asString()).isEqualTo(this.user);
			assertThat(session.at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(actions(id)).containsExactly("without_locks", "before_end");
			assertThat(sessionsOfUser()).isEqualTo(1);
			assertThat(browser.js("return window.thrown")).asList().isEmpty();
		}
	}

	@Test
	void initAgainForTheSameUserKeepsThePagesSessionWhenLocalStorageFails() {
		try (Browser browser = new Browser()) {
			// localStorage that throws on every access (disabled by the browser's settings), from before the SDK loads.
			browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
					"['getItem', 'setItem', 'removeItem'].forEach(function (name) { Storage.prototype[name] ="
							+ " function () { throw new DOMException('storage is disabled', 'SecurityError'); }; });"));
			browser.open(demoUrl());
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "before_init_again");

			String again = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "after_init_again");
			call(browser, "flush()");

			assertThat(again).isEqualTo(id);
			assertThat(sessionsOfUser()).isEqualTo(1);
			assertThat(actions(id)).containsExactly("before_init_again", "after_init_again");
		}
	}

	@Test
	void aFailedBatchIsRetriedAndStoredOnce() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));

			browser.setOffline(true);
			List.of("one", "two", "three").forEach(action -> track(browser, action));
			call(browser, "flush()");
			assertThat(state(browser).get("queued")).isEqualTo(3L);
			assertThat(events(id)).isEmpty();

			browser.setOffline(false);
			call(browser, "_advance(arguments[0])", 60_000);
			call(browser, "flush()");

			List<JsonNode> events = await("3 events stored", () -> events(id), stored -> stored.size() >= 3);
			assertThat(events).extracting(event -> event.get("action").asString())
				.containsExactly("one", "two", "three");
			assertThat(events).extracting(event -> event.get("id").asString()).doesNotHaveDuplicates();
			assertThat(session(id).get("actions").asInt()).isEqualTo(3);
			assertThat(state(browser).get("queued")).isEqualTo(0L);
		}
	}

	@Test
	void aSessionEndedByTheServerIsReplacedAndThePendingEventsGoToTheNewOne() {
		try (Browser browser = demo()) {
			String ended = initThenEndOnTheServer(browser, "logout");

			track(browser, "after_end");
			call(browser, "flush()");

			String replacement = (String) browser.js("return SessionTracker.getSessionId()");
			assertThat(replacement).isNotNull().isNotEqualTo(ended);
			assertThat(await("1 event in the new session", () -> events(replacement), s -> s.size() == 1).get(0)
				.get("action").asString()).isEqualTo("after_end");
			assertThat(events(ended)).isEmpty();
		}
	}

	@Test
	void heartbeatsGoOnlyWhileThePageIsVisibleAndOnceWhenItBecomesVisibleAgain() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "heartbeatInterval", 300_000));
			this.clock.advance(Duration.ofMinutes(1));

			browser.hide();
			call(browser, "_advance(arguments[0])", 300_000);
			assertThat(lastSeen(id)).isEqualTo(this.start);

			browser.show();
			Instant oneMinute = this.start.plus(Duration.ofMinutes(1));
			await("lastSeen moved by the heartbeat on showing", () -> lastSeen(id), oneMinute::equals);

			this.clock.advance(Duration.ofMinutes(1));
			call(browser, "_advance(arguments[0])", 300_000);
			Instant twoMinutes = this.start.plus(Duration.ofMinutes(2));
			await("lastSeen moved by the next heartbeat", () -> lastSeen(id), twoMinutes::equals);
		}
	}

	@Test
	void endClosesTheSessionAndNothingIsSentAfterIt() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "before_end");
			browser.hide(); // keeps the queue in localStorage for a next page of the session
			assertThat(browser.js("return localStorage.getItem('session-tracker.pending')")).isNotNull();

			call(browser, "end('logout')");

			assertThat(browser.js("return localStorage.getItem('session-tracker.pending')")).isNull();
			JsonNode session = session(id);
			assertThat(session.at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(session.get("active").asBoolean()).isFalse();
			assertThat(events(id)).extracting(event -> event.get("action").asString()).containsExactly("before_end");
			assertThat(browser.js("return SessionTracker.getSessionId()")).isNull();

			track(browser, "after_end");
			call(browser, "flush()");
			call(browser, "_advance(arguments[0])", 600_000);
			assertThat(state(browser)).containsEntry("queued", 0L).containsEntry("ended", true);
			assertThat(eventsOfUser()).isEqualTo(1);
			assertThat(sessionsOfUser()).isEqualTo(1);
		}
	}

	@Test
	void anEventWhoseDataCannotBeSentIsDroppedAloneAndTheQueueGoesOn() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));

			browser.js("var cyclic = {}; cyclic.self = cyclic;"
					+ " SessionTracker.track('cyclic', cyclic); SessionTracker.track('text', 'not an object');"
					+ " SessionTracker.track('list', [1, 2]); SessionTracker.track('huge', {text: 'x'.repeat(9000)});"
					+ " SessionTracker.track(''); SessionTracker.track('kept', {n: 1});");
			assertThat(state(browser).get("queued")).isEqualTo(1L);
			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.get("action").asString()).containsExactly("kept");
		}
	}

	@Test
	void eventsTheServerRefusesAreDroppedAloneAndTheRestOfTheirBatchIsStored() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));

			// Nested deeper than the server's limit (10 levels), and a workflow without an id: neither is known to
			// the page (workflowStart('') would drop the second), both are refused by the server, which names each event
			// it refuses.
			browser.js("var deep = {}; for (var i = 0; i < 11; i++) { deep = {inner: deep}; }"
					+ " SessionTracker.track('first'); SessionTracker.track('too_deep', deep);"
					+ " SessionTracker.track('workflow_start', {workflowId: ''}); SessionTracker.track('last');");
			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.get("action").asString()).containsExactly("first", "last");
			assertThat(state(browser).get("queued")).isEqualTo(0L);
		}
	}

	@Test
	void endSendsEveryBatchQueuedWhileOfflineBeforeClosingTheSession() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			browser.setOffline(true);
			// 250 events: more than one request carries (100), queued behind the failed batch of five.
			browser.js("for (var i = 0; i < 250; i++) { SessionTracker.track('offline_' + i); }");
			call(browser, "flush()"); // waits for the batch that the fifth event sent, and that failed
			assertThat(state(browser).get("queued")).isEqualTo(250L);
			browser.setOffline(false);

			call(browser, "end('logout')");

			assertThat(events(id)).hasSize(250);
			assertThat(session(id).get("actions").asInt()).isEqualTo(250);
			assertThat(session(id).at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(sessionsOfUser()).isEqualTo(1);
			assertThat(state(browser)).containsEntry("queued", 0L).containsEntry("ended", true);
		}
	}

	@Test
	void endClosesTheSessionThatTookThePendingEventsWhenTheServerHadEndedTheFirst() {
		try (Browser browser = demo()) {
			String ended = initThenEndOnTheServer(browser, "timeout");
			track(browser, "pending");

			call(browser, "end('logout')");

			String replacement = this.jdbc.queryForObject(
					"SELECT id::text FROM user_sessions WHERE user_id = ? AND id <> ?::uuid", String.class, this.user,
					ended);
			assertThat(events(replacement)).extracting(event -> event.get("action").asString())
				.containsExactly("pending");
			assertThat(session(replacement).at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(session(ended).at("/exit/reason").asString()).isEqualTo("timeout");
		}
	}

	@Test
	void aPageThatLeavesRightAfterEndLeavesItsEventsAndTheEndToTheNextPage() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));

			// A logout handler: the last events, end(), and away at once, without waiting for end() to finish.
			browser.js("for (var i = 0; i < 120; i++) { SessionTracker.track('e' + i); }"
					+ " SessionTracker.end('logout'); setTimeout(function () { location.replace('about:blank'); }, 0);");
			browser.await("the page left", driver -> driver.getCurrentUrl(), url -> url.startsWith("about:blank"));
			browser.open(demoUrl());
			call(browser, "init(arguments[0])", Map.of("flushInterval", NEVER));

			await("the ended session's exit", () -> session(id), s -> !s.get("active").asBoolean());
			assertThat(session(id).at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(actions(id)).containsExactlyElementsOf(
					IntStream.range(0, 120).mapToObj(i -> "e" + i).toList());
		}
	}

	@Test
	void whatEndCouldNotSendOfflineIsSentWithTheEndByTheNextPageOfTheOriginEvenWithoutAUser() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			browser.setOffline(true);
			List.of("one", "two", "three").forEach(action -> track(browser, action));

			call(browser, "end('logout')");

			assertThat(state(browser)).containsEntry("queued", 0L).containsEntry("ended", true);
			assertThat(events(id)).isEmpty();
			assertThat(session(id).get("active").asBoolean()).isTrue();
			assertThat(browser.js("return localStorage.getItem('session-tracker.ending')")).isNotNull();

			// The next page is the one a logout leads to: it has no user, so it starts no session.
			browser.setOffline(false);
			browser.open("about:blank");
			browser.open(demoUrl());
			assertThat(call(browser, "init(arguments[0])", Map.of("flushInterval", NEVER))).isNull();

			await("the ended session's exit", () -> session(id), s -> !s.get("active").asBoolean());
			assertThat(session(id).at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(events(id)).extracting(event -> event.get("action").asString())
				.containsExactly("one", "two", "three");
			assertThat(sessionsOfUser()).isEqualTo(1);
			browser.await("the ending forgotten",
					driver -> driver.executeScript("return localStorage.getItem('session-tracker.ending')") == null);
		}
	}

	@Test
	void anEndingKeptOfflineGoesWhenThePageIsBackOnlineAndNotIntoASessionTheServerEndedMeanwhile() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			browser.setOffline(true);
			track(browser, "offline");
			call(browser, "end('logout')");
			browser.setOffline(false);

			browser.js("window.dispatchEvent(new Event('online'))");

			await("the session ended", () -> session(id), s -> !s.get("active").asBoolean());
			assertThat(session(id).at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(events(id)).extracting(event -> event.get("action").asString()).containsExactly("offline");

			// Another session, which the server ends (timed out) before the page is back online: its events stay out.
			String second = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			browser.setOffline(true);
			track(browser, "too_late");
			call(browser, "end('logout')");
			assertThat(this.api.post("/api/v1/sessions/" + second + "/end", Api.json(Map.of("reason", "timeout")))
				.status()).isEqualTo(200);
			browser.setOffline(false);

			browser.js("window.dispatchEvent(new Event('online'))");

			browser.await("the ending forgotten",
					driver -> driver.executeScript("return localStorage.getItem('session-tracker.ending')") == null);
			assertThat(events(second)).isEmpty();
			assertThat(session(second).at("/exit/reason").asString()).isEqualTo("timeout");
			assertThat(sessionsOfUser()).isEqualTo(2);
		}
	}

	@Test
	void theDemoPageLoadsAndRunsWithoutConsoleErrors() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user));
			track(browser, "demo");
			call(browser, "flush()");
			await("1 event stored", () -> events(id), stored -> stored.size() == 1);

			// The browser's own request for /favicon.ico (the demo page names no icon, the service has none) is not
			// the page's error.
			assertThat(browser.consoleErrors()).filteredOn(error -> !error.contains("/favicon.ico ")).isEmpty();
		}
	}

	@Test
	void singlePageAppNavigationAndUncaughtErrorsBecomeEventsWhenEnabled() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "trackPageViews", true, "captureErrors", true,
					"flushInterval", NEVER, "pageQuery", List.of("step")));

			// The page's own code throws: errors from scripts of other origins reach onerror only as "Script error."
			browser.js("history.pushState({}, '', '/sdk/v1/demo.html?step=2&token=s3cret');"
					+ " document.getElementById('throw').click();");
			await("the uncaught error is queued", () -> state(browser).get("queued"), queued -> (Long) queued == 3L);
			call(browser, "flush()");

			List<JsonNode> events = events(id);
			assertThat(events).extracting(event -> event.get("action").asString())
				.containsExactly("page_view", "page_view", "error");
			assertThat(events.get(1).at("/data/page").asString()).isEqualTo("/sdk/v1/demo.html?step=2");
			assertThat(events.get(2).at("/data/message").asString()).contains("Demo failure");
		}
	}

	@Test
	void withRespectDoNotTrackABrowserSignallingGlobalPrivacyControlSendsNothing() {
		try (Browser browser = demo()) {
			browser.js("Object.defineProperty(navigator, 'globalPrivacyControl', {value: true, configurable: true})");

			Object id = call(browser, "init(arguments[0])", Map.of("userId", this.user, "respectDoNotTrack", true));
			track(browser, "ignored");
			call(browser, "flush()");

			assertThat(id).isNull();
			assertThat(sessionsOfUser()).isZero();
		}
	}

	@Test
	void endingsStoredInAShapeItCannotUseAreSkippedWithoutAnErrorInThePage() {
		try (Browser browser = demo()) {
			browser.js("window.rejections = [];"
					+ " window.addEventListener('unhandledrejection', function (e) { rejections.push(String(e.reason)); });"
					+ " localStorage.setItem('session-tracker.ending',"
					+ " JSON.stringify([{sessionId: 'x'}, 'junk', {sessionId: 'y', events: 'none'}, null]));");

			init(browser, Map.of("userId", this.user));
			call(browser, "flush()");

			assertThat(browser.js("return window.rejections")).asList().isEmpty();
			assertThat(sessionsOfUser()).isEqualTo(1);
		}
	}

	@Test
	void theSdkNeverThrowsIntoThePage() {
		try (Browser browser = demo()) {
			Object outcome = browser.js("try {"
					+ " SessionTracker.track('before init'); SessionTracker.track(null, {cyclic: window});"
					+ " SessionTracker.end(); SessionTracker.identify(); SessionTracker.error(undefined);"
					+ " SessionTracker.init(undefined); SessionTracker.workflowStart({toString: null});"
					+ " return 'no exception'; } catch (e) { return 'threw ' + e; }");

			assertThat(outcome).isEqualTo("no exception");
		}
	}

	@Test
	void theEntryPageIsNamedAsPageViewsNameItAndItsSourceStillComesFromTheReferrer() {
		try (Browser browser = new Browser()) {
			// 127.0.0.1 is another site than localhost to the browser: the referrer is that origin.
			browser.open("http://127.0.0.1:" + this.port + "/sdk/v1/demo.html");
			navigate(browser, demoUrl() + "?utm_campaign=spring");
			String external = init(browser, Map.of("userId", this.user, "trackPageViews", true));
			call(browser, "end()");

			JsonNode session = session(external);
			assertThat(session.at("/entry/page").asString()).isEqualTo("/sdk/v1/demo.html?utm_campaign=spring");
			assertThat(session.at("/entry/source").asString()).isEqualTo("external");
			assertThat(session.at("/entry/campaign").asString()).isEqualTo("spring");
			assertThat(session.at("/exit/page").asString()).isEqualTo("/sdk/v1/demo.html?utm_campaign=spring");

			navigate(browser, demoUrl() + "?step=2");
			String internal = init(browser, Map.of("userId", this.user, "pageQuery", true));

			assertThat(session(internal).at("/entry/page").asString()).isEqualTo("/sdk/v1/demo.html?step=2");
			assertThat(session(internal).at("/entry/source").asString()).isEqualTo("internal");
		}
	}

	@Test
	void aPageViewIsLoggedOnlyWhenThePathOrTheQueryChanged() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "trackPageViews", true, "flushInterval", NEVER,
					"pageQuery", true));

			// What routers do to keep scroll positions, and a move to an anchor of the page.
			browser.js("history.replaceState({scroll: 1}, ''); history.replaceState({scroll: 2}, '', location.href);"
					+ " history.pushState({}, '', '/sdk/v1/demo.html?step=2'); history.replaceState({scroll: 3}, '');"
					+ " history.pushState({}, '', '/sdk/v1/demo.html?step=2#details');");
			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.at("/data/page").asString())
				.containsExactly("/sdk/v1/demo.html", "/sdk/v1/demo.html?step=2");
		}
	}

	@Test
	void aHashRoutersRouteIsAPageAndAnAnchorIsNot() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "trackPageViews", true, "flushInterval", NEVER,
					"pageQuery", true));

			// An anchor, then a hash router's navigations, each after the one before has fired its hashchange.
			browser.jsAsync("var done = arguments[arguments.length - 1];"
					+ " var hashes = ['#details', '#/settings', '#!/billing?tab=2'];"
					+ " (function next() {"
					+ "   if (!hashes.length) { return done(); }"
					+ "   window.addEventListener('hashchange', next, {once: true}); location.hash = hashes.shift();"
					+ " })();");
			browser.js("history.pushState({}, '', '/sdk/v1/demo.html?step=2#/settings');");
			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.at("/data/page").asString())
				.containsExactly("/sdk/v1/demo.html", "/sdk/v1/demo.html#/settings",
						"/sdk/v1/demo.html#!/billing?tab=2", "/sdk/v1/demo.html?step=2#/settings");
		}
	}

	@Test
	void pagesKeepOnlyTheCampaignParametersOfTheirQueryAndTheReferrerNone() {
		try (Browser browser = demo()) {
			navigate(browser, demoUrl() + "?token=s3cret");
			navigate(browser, demoUrl() + "?utm_source=news&email=a%40b.example&utm_campaign=spring&code=x1"
					+ "#/callback?access_token=t0ken&utm_content=banner");
			String id = init(browser, Map.of("userId", this.user, "trackPageViews", true, "captureErrors", true,
					"flushInterval", NEVER));
			browser.js("history.pushState({}, '', '/sdk/v1/demo.html?reset=k3y');"
					// a hash router given a sign-in's answer, a path parameter, an uncaught error in an inline script
					// (whose address is the page's: the page's policy runs none here, so the browser's event is made)
					+ " history.pushState({}, '', '/sdk/v1/demo.html#/access_token=t0k3n&token_type=bearer');"
					+ " history.pushState({}, '', '/sdk/v1/demo.html;jsessionid=s3ss');"
					+ " window.dispatchEvent(new ErrorEvent('error', {message: 'inline', lineno: 1,"
					+ "   filename: location.origin + '/sdk/v1/demo.html?token=s3cret#/access_token=t0k3n'}));");
			call(browser, "end()");

			JsonNode session = session(id);
			assertThat(session.at("/entry/page").asString())
				.isEqualTo("/sdk/v1/demo.html?utm_source=news&utm_campaign=spring#/callback?utm_content=banner");
			assertThat(session.at("/entry/campaign").asString()).isEqualTo("spring");
			assertThat(session.at("/entry/referrer").asString()).as("the page before, without its query")
				.isEqualTo(demoUrl());
			List<JsonNode> events = events(id);
			assertThat(events).filteredOn(event -> event.get("action").asString().equals("page_view"))
				.extracting(event -> event.at("/data/page").asString())
				.containsExactly("/sdk/v1/demo.html?utm_source=news&utm_campaign=spring#/callback?utm_content=banner",
						"/sdk/v1/demo.html", "/sdk/v1/demo.html#/", "/sdk/v1/demo.html");
			assertThat(events).filteredOn(event -> event.get("action").asString().equals("error"))
				.extracting(event -> event.at("/data/source").asString())
				.containsExactly("http://localhost:" + this.port + "/sdk/v1/demo.html");
			assertThat(session.toString() + events).doesNotContain("s3cret", "a%40b", "x1", "t0ken", "k3y", "s3ss");
		}
	}

	@Test
	void aPageFilterNamedOnTheScriptTagRewritesEveryPageSentAndTheAddressesOfThisOrigin() {
		String invite = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTQyIn0.c2lnbmF0dXJlLW9mLWl0"; // a JWT
		String reset = "Rk9vYmFyYmF6cXV4MTIzNDU2";
		try (Browser browser = demo()) {
			// The page before, the referrer, had a token in its path.
			browser.js("history.pushState({}, '', arguments[0])", "/invite/" + invite);
			navigate(browser, demoUrl());
			// The SDK from a script tag naming the page's filter, on a page with a token in its path (the demo page's
			// own copy of the SDK is never started).
			browser.js("window.hideTokens = function (page) {"
					+ "   return page.replace(/\\/[\\w.-]{20,}(?=[\\/?#]|$)/g, '/:token'); };"
					+ " history.pushState({}, '', '/reset/' + arguments[1] + '?utm_source=mail&code=x');"
					+ " delete window.SessionTracker; var tag = document.createElement('script');"
					+ " tag.src = '/sdk/v1/session-tracker.js'; tag.dataset.userId = arguments[0];"
					+ " tag.dataset.trackPageViews = 'true'; tag.dataset.captureErrors = 'true';"
					+ " tag.dataset.pageFilter = 'hideTokens'; document.body.appendChild(tag);", this.user, reset);
			String id = browser.await("the session the script tag started", driver -> (String) driver
				.executeScript("return window.SessionTracker ? SessionTracker.getSessionId() : null"));
			// Another page, and an uncaught error in an inline script, whose address is the page's.
			browser.js("history.pushState({}, '', '/reset/' + arguments[0] + '/done');"
					+ " window.dispatchEvent(new ErrorEvent('error', {message: 'inline', lineno: 1, filename: location.href}));",
					reset);
			call(browser, "end()");

			JsonNode session = session(id);
			assertThat(session.at("/entry/page").asString()).isEqualTo("/reset/:token?utm_source=mail");
			assertThat(session.at("/entry/referrer").asString())
				.isEqualTo("http://localhost:" + this.port + "/invite/:token");
			assertThat(session.at("/exit/page").asString()).isEqualTo("/reset/:token/done");
			List<JsonNode> events = events(id);
			assertThat(events).filteredOn(event -> event.get("action").asString().equals("page_view"))
				.extracting(event -> event.at("/data/page").asString())
				.containsExactly("/reset/:token?utm_source=mail", "/reset/:token/done");
			assertThat(events).filteredOn(event -> event.get("action").asString().equals("error"))
				.extracting(event -> event.at("/data/source").asString())
				.containsExactly("http://localhost:" + this.port + "/reset/:token/done");
			assertThat(session.toString() + events).doesNotContain(reset, "eyJ");
		}
	}

	@Test
	void aPageFilterThatThrowsOrReturnsNoStringLeavesThePageAsTheSdkMadeIt() {
		try (Browser browser = demo()) {
			browser.js("history.pushState({}, '', '/invite/Rk9vYmFyYmF6cXV4MTIzNDU2?utm_source=mail&code=x')");
			Object id = browser.jsAsync("var done = arguments[arguments.length - 1]; SessionTracker.init({"
					+ " userId: arguments[0], trackPageViews: true, flushInterval: 3600000, pageFilter: function (page) {"
					+ "   if (page.indexOf('/throws') >= 0) { throw new Error('the filter failed'); }"
					+ "   return page.indexOf('/number') >= 0 ? 42 : page.replace(/\\/invite\\/[^\\/?#]+/, '/invite/:token'); }"
					+ " }).then(done);", this.user);
			browser.js("history.pushState({}, '', '/throws?utm_source=mail&code=x'); history.pushState({}, '', '/number');");
			call(browser, "end()");

			assertThat(id).isInstanceOf(String.class);
			assertThat(session((String) id).at("/entry/page").asString()).isEqualTo("/invite/:token?utm_source=mail");
			assertThat(events((String) id)).extracting(event -> event.at("/data/page").asString())
				.containsExactly("/invite/:token?utm_source=mail", "/throws?utm_source=mail", "/number");
		}
	}

	@Test
	void urlsInCapturedErrorMessagesLoseTheirQueryAndFragmentAndMessagesDifferingOnlyThereCountAsOne() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "captureErrors", true, "flushInterval", NEVER));

			browser.js("function fail(message) { window.dispatchEvent(new ErrorEvent('error', {message: message})); }"
					+ " fail('Failed to load https://cdn.example.com/app.js?token=s3cret#frag, then'"
					+ "   + ' \"http://localhost/x;jsessionid=s3ss?code=k3y\"');"
					+ " fail('Failed to load https://cdn.example.com/app.js?token=an0ther#frag, then \"http://localhost/x\"');"
					+ " window.dispatchEvent(new PromiseRejectionEvent('unhandledrejection', {promise: Promise.resolve(),"
					+ "   reason: new Error('GET https://api.example.com/me?access_token=t0ken failed')}));"
					// the page's own call says what it means to send
					+ " SessionTracker.error('called with https://api.example.com/me?page=2');");
			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.at("/data/message").asString())
				.containsExactly("Failed to load https://cdn.example.com/app.js, then \"http://localhost/x\"",
						"GET https://api.example.com/me failed", "called with https://api.example.com/me?page=2");
		}
	}

	@Test
	void endWithAReasonTheServerDoesNotKnowEndsTheSessionAsALogoutWithAWarning() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "debug", true));
			browser.js("window.warnings = [];"
					+ " console.warn = function () { warnings.push(Array.prototype.join.call(arguments, ' ')); };");

			call(browser, "end('signout')");

			assertThat(session(id).at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(String.valueOf(browser.js("return window.warnings.join('\\n')"))).contains("signout");
		}
	}

	@Test
	void callsWithArgumentsOfTheWrongTypeAreDroppedWithoutAnException() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));

			Object outcome = browser.js("var t = SessionTracker; try {"
					+ " t.track(); t.track(null); t.track({a: 1}); t.track(42); t.track('text_data', 'text');"
					+ " t.track('date_data', new Date()); t.workflowStart(); t.workflowStart(null); t.workflowStart({});"
					+ " t.workflowStart(NaN); t.workflowComplete(''); t.error('m', 'str'); t.error(); t.error({});"
					+ " t.track('good', {n: 1}); t.workflowStart(7); t.workflowComplete('checkout');"
					+ " t.error('failed', {code: 1}); t.error(new Error('thrown'));"
					+ " return 'no exception'; } catch (e) { return 'threw ' + e; }");
			call(browser, "flush()");

			assertThat(outcome).isEqualTo("no exception");
			List<JsonNode> events = events(id);
			assertThat(events).extracting(event -> event.get("action").asString())
				.containsExactly("good", "workflow_start", "workflow_complete", "error", "error");
			assertThat(events).extracting(event -> event.at("/data/workflowId").asString("-"))
				.containsExactly("-", "7", "checkout", "-", "-");
			assertThat(events).extracting(event -> event.at("/data/message").asString("-"))
				.containsExactly("-", "-", "-", "failed", "thrown");

			browser.js(COUNT_STARTS);
			Object none = call(browser, "init(arguments[0])", Map.of("userId", Map.of()));
			call(browser, "_advance(arguments[0])", 600_000);
			assertThat(none).isNull();
			assertThat(browser.js("return window.starts")).isEqualTo(0L);
		}
	}

	@Test
	void capturedErrorsAreThrottledByMessageAndByMinute() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "captureErrors", true, "batchSize", 500,
					"flushInterval", NEVER));

			// A page that fails on every frame.
			browser.js("for (var i = 0; i < 50; i++) { window.dispatchEvent(new ErrorEvent('error', {message: 'same'})); }");
			assertThat(state(browser).get("queued")).isEqualTo(1L);
			browser.js("for (var i = 0; i < 50; i++) { window.dispatchEvent(new ErrorEvent('error', {message: 'e' + i})); }");
			assertThat(state(browser).get("queued")).isEqualTo(10L);

			call(browser, "_advance(arguments[0])", 60_000);
			browser.js("window.dispatchEvent(new ErrorEvent('error', {message: 'same'}));"
					+ " window.dispatchEvent(new ErrorEvent('error', {message: 'same'}));"
					+ " SessionTracker.error('called'); SessionTracker.error('called');");
			call(browser, "flush()");

			List<String> messages = events(id).stream().map(event -> event.at("/data/message").asString()).toList();
			List<String> expected = new ArrayList<>(List.of("same"));
			IntStream.range(0, 9).forEach(i -> expected.add("e" + i));
			expected.addAll(List.of("same", "called", "called"));
			assertThat(messages).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void aStartRefusedAtPageLoadIsTriedAgainAndTheLandingPageViewGoesToTheSession() {
		try (Browser browser = demo()) {
			// The first start is refused as an overloaded service refuses it; the service is fine right after.
			browser.js("var original = window.fetch; window.starts = 0; window.fetch = function (url) {"
					+ " if (/\\/start$/.test(url) && window.starts++ === 0) {"
					+ " return Promise.resolve(new Response('{}', {status: 503, headers: {'Retry-After': '1'}})); }"
					+ " return original.apply(this, arguments); };");

			Object refused = call(browser, "init(arguments[0])",
					Map.of("userId", this.user, "trackPageViews", true, "flushInterval", NEVER));
			assertThat(refused).isNull();
			track(browser, "before_the_session");
			assertThat(state(browser)).containsEntry("queued", 2L).containsEntry("sessionId", null);

			call(browser, "_advance(arguments[0])", 1_000); // the Retry-After has passed
			String id = browser.await("a session started",
					driver -> (String) driver.executeScript("return SessionTracker.getSessionId()"));
			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.get("action").asString())
				.containsExactly("page_view", "before_the_session");
			assertThat(session(id).at("/entry/page").asString()).isEqualTo("/sdk/v1/demo.html");
			assertThat(browser.js("return window.starts")).isEqualTo(2L);
		}
	}

	@Test
	void withNoUserEventsWaitInTheQueueWithoutAStartUntilIdentifyGivesOne() {
		try (Browser browser = demo()) {
			browser.js(COUNT_STARTS);
			Object none = call(browser, "init(arguments[0])", Map.of("trackPageViews", true, "flushInterval", NEVER));
			// More than a batch, and time for every retry there would be.
			browser.js("for (var i = 0; i < 6; i++) { SessionTracker.track('anonymous_' + i); }");
			call(browser, "flush()");
			call(browser, "_advance(arguments[0])", 600_000);

			assertThat(none).isNull();
			assertThat(browser.js("return window.starts")).isEqualTo(0L);
			assertThat(state(browser).get("queued")).isEqualTo(7L);

			String id = (String) call(browser, "identify(arguments[0])", this.user);
			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.get("action").asString())
				.containsExactly("page_view", "anonymous_0", "anonymous_1", "anonymous_2", "anonymous_3", "anonymous_4",
						"anonymous_5");
			assertThat(session(id).get("userId").asString()).isEqualTo(this.user);
			assertThat(browser.js("return window.starts")).isEqualTo(1L);
		}
	}

	@Test
	void withEndOnPageCloseWhatTheClosingRequestCannotCarryGoesIntoTheSessionOfTheNextPage() {
		try (Browser browser = demo()) {
			String id = init(browser,
					Map.of("userId", this.user, "endOnPageClose", true, "batchSize", 100, "flushInterval", NEVER));
			// 120 KB: twice what a page may still send as it goes (its keepalive requests share 64 KiB).
			browser.js("for (var i = 0; i < 30; i++) { SessionTracker.track('big_' + i, {text: 'y'.repeat(4000)}); }");

			browser.open("about:blank");
			JsonNode ended = await("the session ended", () -> session(id), s -> !s.get("exit").isNull());
			assertThat(ended.at("/exit/reason").asString()).isEqualTo("navigation");
			int closing = events(id).size();
			assertThat(closing).isBetween(1, 29);

			browser.open(demoUrl());
			String next = init(browser, Map.of("userId", this.user));

			assertThat(next).isNotEqualTo(id);
			List<JsonNode> rest = await("the rest stored in the next page's session", () -> events(next),
					stored -> stored.size() == 30 - closing);
			List<JsonNode> all = new ArrayList<>(events(id));
			all.addAll(rest);
			assertThat(all).extracting(event -> event.get("action").asString())
				.containsExactlyElementsOf(IntStream.range(0, 30).mapToObj(i -> "big_" + i).toList());
			assertThat(all).extracting(event -> event.get("id").asString()).doesNotHaveDuplicates();
			browser.await("the ending forgotten",
					driver -> driver.executeScript("return localStorage.getItem('session-tracker.ending')") == null);
		}
	}

	@Test
	void withEndOnPageCloseWhatAFailedClosingRequestCarriedIsSentWithTheEndByTheNextPage() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "endOnPageClose", true, "flushInterval", NEVER));
			List.of("q1", "q2", "q3").forEach(action -> track(browser, action));
			// The closing request fails, as when the network is gone.
			browser.js("window.fetch = function () { return Promise.reject(new TypeError('Failed to fetch')); }");

			browser.open("about:blank");
			assertThat(session(id).get("exit").isNull()).isTrue();
			browser.open(demoUrl());
			String next = init(browser, Map.of("userId", this.user));

			JsonNode ended = await("the session ended", () -> session(id), s -> !s.get("exit").isNull());
			assertThat(ended.at("/exit/reason").asString()).isEqualTo("navigation");
			assertThat(events(id)).extracting(event -> event.get("action").asString()).containsExactly("q1", "q2", "q3");
			assertThat(next).isNotEqualTo(id);
			assertThat(events(next)).isEmpty();
		}
	}

	@Test
	void withEndOnPageCloseAPageLeftForTheBackForwardCacheEndsItsSessionAndStartsAnotherWhenShownAgain() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "endOnPageClose", true, "trackPageViews", true,
					"flushInterval", NEVER));

			// What the browser tells a page it keeps in its back/forward cache as the user goes to another site.
			browser.js("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))");

			JsonNode ended = await("the session ended", () -> session(id), s -> !s.get("exit").isNull());
			assertThat(ended.at("/exit/reason").asString()).isEqualTo("navigation");
			assertThat(events(id)).extracting(event -> event.get("action").asString()).containsExactly("page_view");

			browser.js("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))");
			String next = browser.await("another session", driver -> {
				Object current = driver.executeScript("return SessionTracker.getSessionId()");
				return current != null && !id.equals(current) ? (String) current : null;
			});
			call(browser, "flush()");
			assertThat(events(next)).extracting(event -> event.get("action").asString()).containsExactly("page_view");
		}
	}

	@Test
	void aBurstOfAThousandEventsIsStoredWholeAndInOrderWhileTheServiceTakesIt() {
		try (Browser browser = demo()) {
			// maxQueue (500) bounds what is kept while batches fail, not what the SDK can send now.
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			browser.js("for (var i = 0; i < 1000; i++) { SessionTracker.track('burst', {i: i}); }");

			call(browser, "flush()");

			assertThat(events(id)).extracting(event -> event.at("/data/i").asInt())
				.containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
			assertThat(state(browser).get("queued")).isEqualTo(0L);
		}
	}

	@Test
	void whileBatchesFailAtMostMaxQueueEventsAreKeptAndWhatIsDroppedIsWarnedAbout() {
		try (Browser browser = demo()) {
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER, "maxQueue", 20,
					"debug", true));
			browser.js("window.warnings = [];"
					+ " console.warn = function () { warnings.push(Array.prototype.join.call(arguments, ' ')); };");
			browser.setOffline(true);
			browser.js("for (var i = 0; i < 5; i++) { SessionTracker.track('e' + i); }");
			call(browser, "flush()"); // the batch fails: the SDK backs off
			browser.js("for (var i = 5; i < 30; i++) { SessionTracker.track('e' + i); }");
			assertThat(state(browser).get("queued")).isEqualTo(20L);
			assertThat(String.valueOf(browser.js("return window.warnings.join('\\n')"))).contains("maxQueue");
			browser.setOffline(false);

			call(browser, "end('logout')");

			assertThat(events(id)).extracting(event -> event.get("action").asString())
				.containsExactlyElementsOf(IntStream.range(10, 30).mapToObj(i -> "e" + i).toList());
		}
	}

	@Test
	void whatIsTrackedRightAfterIdentifyOfAnotherUserGoesToThatUsersSessionAndNotThePreviousOne() {
		String next = "sdk-next-" + UUID.randomUUID();
		try (Browser browser = demo()) {
			String first = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));

			// A login handler that does not wait for identify().
			Object second = browser.jsAsync("var done = arguments[arguments.length - 1]; var t = SessionTracker;"
					+ " t.track('before_switch'); var p = t.identify(arguments[0]); t.track('after_switch');"
					+ " t.workflowStart('checkout'); p.then(function (id) { t.flush().then(function () { done(id); }); });",
					next);

			assertThat(second).isInstanceOf(String.class).isNotEqualTo(first);
			assertThat(actions(first)).containsExactly("before_switch");
			assertThat(session(first).at("/exit/reason").asString()).isEqualTo("navigation");
			assertThat(session((String) second).get("userId").asString()).isEqualTo(next);
			assertThat(actions((String) second)).containsExactly("after_switch", "workflow_start");
		}
	}

	@Test
	void initForAnotherUserSendsTheFirstUsersQueueToItsSessionEndsItAndStartsTheNextUserClean() {
		String next = "sdk-next-" + UUID.randomUUID();
		try (Browser browser = demo()) {
			String first = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "first_a");
			track(browser, "first_b");

			String second = init(browser, Map.of("userId", next, "flushInterval", NEVER));
			track(browser, "second_a");
			call(browser, "flush()");

			assertThat(second).isNotEqualTo(first);
			assertThat(actions(first)).containsExactly("first_a", "first_b");
			assertThat(session(first).at("/exit/reason").asString()).isEqualTo("navigation");
			assertThat(actions(second)).containsExactly("second_a");
			assertThat(session(second).get("active").asBoolean()).isTrue();
			// The same user again resumes the session.
			assertThat(init(browser, Map.of("userId", next, "flushInterval", NEVER))).isEqualTo(second);
		}
	}

	@Test
	void endFollowedAtOnceByInitOfAnotherUserEndsTheFirstUsersSessionAndTheNextUserGetsALiveOne() {
		String next = "sdk-next-" + UUID.randomUUID();
		try (Browser browser = demo()) {
			String first = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "first_last");

			Object second = browser.jsAsync("var done = arguments[arguments.length - 1]; var t = SessionTracker;"
					+ " t.end('logout'); t.init({userId: arguments[0], flushInterval: 3600000}).then(done);", next);
			track(browser, "second_first");
			call(browser, "flush()");

			assertThat(second).isInstanceOf(String.class).isNotEqualTo(first);
			JsonNode ended = await("the first session ended", () -> session(first), s -> !s.get("exit").isNull());
			assertThat(ended.at("/exit/reason").asString()).isEqualTo("logout");
			assertThat(actions(first)).containsExactly("first_last");
			assertThat(session((String) second).get("active").asBoolean()).isTrue();
			assertThat(actions((String) second)).containsExactly("second_first");
			assertThat(state(browser)).containsEntry("ended", false).containsEntry("userId", next);
		}
	}

	@Test
	void aBatchRefusedForTheSessionsEventLimitIsDroppedAndTheSessionKept() {
		try (Browser browser = demo()) {
			// The server's answer when a batch would pass tracker.limits.max-events-per-session.
			browser.js("var original = window.fetch; window.starts = 0; window.limited = 0;"
					+ " window.fetch = function (url) { if (/\\/start$/.test(url)) { window.starts++; }"
					+ " if (/\\/events$/.test(url) && window.limited++ === 0) {"
					+ " return Promise.resolve(new Response(JSON.stringify({type: '/problems/event-limit-reached',"
					+ " title: 'Event limit reached', status: 409, limit: 10000}),"
					+ " {status: 409, headers: {'Content-Type': 'application/problem+json'}})); }"
					+ " return original.apply(this, arguments); };");
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			track(browser, "refused");
			call(browser, "flush()");
			track(browser, "kept");
			call(browser, "flush()");

			assertThat(browser.js("return window.starts")).isEqualTo(1L);
			assertThat(browser.js("return SessionTracker.getSessionId()")).isEqualTo(id);
			assertThat(actions(id)).containsExactly("kept");
			assertThat(session(id).get("active").asBoolean()).isTrue();
			assertThat(sessionsOfUser()).isEqualTo(1);
		}
	}

	@Test
	void eventsOfADeviceWhoseClockIsOffAreStoredAtTheServersTime() {
		try (Browser browser = demo()) {
			for (int hours : new int[] { 25, -3 }) {
				String user = this.user + hours;
				browser.open(demoUrl());
				browser.js("var local = Date.now, shift = arguments[0];"
						+ " Date.now = function () { return local.call(Date) + shift; };",
						hours * 3_600_000L);
				Object id = call(browser, "init(arguments[0])",
						Map.of("userId", user, "trackPageViews", true, "flushInterval", NEVER));
				track(browser, "late");
				call(browser, "flush()");

				Instant started = Instant.parse(session((String) id).get("startTime").asString());
				assertThat(events((String) id)).as("clock off by %d h", hours)
					.extracting(event -> Instant.parse(event.get("timestamp").asString()))
					.hasSize(2)
					.allSatisfy(at -> assertThat(Duration.between(started, at).abs()).isLessThan(Duration.ofSeconds(30)));
			}
		}
	}

	@Test
	void aPageWhoseArraysSerializeThemselvesAsStringsStillSendsItsEvents() {
		try (Browser browser = demo()) {
			// Prototype.js 1.6 style: JSON.stringify([1]) gives "\"[1]\"".
			browser.js("Array.prototype.toJSON = function () {"
					+ " var a = []; for (var i = 0; i < this.length; i++) { a.push(JSON.stringify(this[i])); }"
					+ " return '[' + a.join(',') + ']'; };");
			String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
			browser.js("SessionTracker.track('with_list', {list: [1, 2]})");
			call(browser, "flush()");

			List<JsonNode> events = events(id);
			assertThat(events).extracting(event -> event.get("action").asString()).containsExactly("with_list");
			assertThat(events.get(0).at("/data/list").isArray()).isTrue();
		}
	}

	@Test
	void endStopsTheSdksTimer() {
		try (Browser browser = demo()) {
			browser.js("window.timers = []; window.cleared = [];"
					+ " var set = window.setInterval, clear = window.clearInterval;"
					+ " window.setInterval = function () { var t = set.apply(window, arguments); timers.push(t); return t; };"
					+ " window.clearInterval = function (t) { cleared.push(t); return clear.apply(window, arguments); };");
			init(browser, Map.of("userId", this.user));
			assertThat(browser.js("return window.timers.length")).isEqualTo(1L);

			call(browser, "end('logout')");

			assertThat(browser.js("return window.cleared")).isEqualTo(browser.js("return window.timers"));
		}
	}

	// ---- helpers ----

	/**
	 * Holds the page's requests that start a session until the test calls openGate() in it: a start that is not
	 * answered yet, without waiting for time to pass.
	 */
	private static final String GATE_STARTS = "var original = window.fetch;"
			+ " var gate = new Promise(function (open) { window.openGate = open; });"
			+ " window.fetch = function (url) { var self = this, args = arguments; return /\\/start$/.test(url)"
			+ " ? gate.then(function () { return original.apply(self, args); }) : original.apply(this, arguments); };";

	/**
	 * Calls init() for the user in two tabs of the browser, each on the demo page with its clock moved by the shift,
	 * as tabs a browser restores at once do: the second tab calls it while the first tab's start is not answered
	 * yet, so that neither finds a session stored. Returns the session id the second tab's init() resolves to (the
	 * second tab is the current one then), once the first tab's has resolved too.
	 */
	private String startTwoTabsAtOnce(Browser browser, String first, String second, long clockShift) {
		String setUp = GATE_STARTS + " var local = Date.now, shift = arguments[1];"
				+ " Date.now = function () { return local.call(Date) + shift; };"
				+ " window.started = SessionTracker.init(arguments[0]);";
		Map<String, Object> options = Map.of("userId", this.user, "flushInterval", NEVER);
		browser.switchTo(first);
		browser.js(setUp, options, clockShift);
		browser.switchTo(second);
		browser.js(setUp, options, clockShift);
		browser.js("openGate()");
		browser.switchTo(first);
		browser.js("openGate()");
		Object inFirst = browser.jsAsync("window.started.then(arguments[arguments.length - 1])");
		browser.switchTo(second);
		Object inSecond = browser.jsAsync("window.started.then(arguments[arguments.length - 1])");
		assertThat(inFirst).as("the first tab's session").isInstanceOf(String.class);
		assertThat(inSecond).as("the second tab's session").isInstanceOf(String.class);
		return (String) inSecond;
	}

	/** Counts in window.starts the requests that start a session. */
	private static final String COUNT_STARTS = "var original = window.fetch; window.starts = 0;"
			+ " window.fetch = function (url) { if (/\\/start$/.test(url)) { window.starts++; }"
			+ " return original.apply(this, arguments); };";

	/**
	 * Follows a link to the URL, and waits for the page. The link names the browsers' default referrer policy: the
	 * service's own pages send none to other origins (Referrer-Policy: same-origin), another site's would.
	 */
	private void navigate(Browser browser, String url) {
		browser.js("var link = document.createElement('a'); link.href = arguments[0];"
				+ " link.referrerPolicy = 'strict-origin-when-cross-origin'; document.body.appendChild(link); link.click();",
				url);
		browser.await("the page at " + url, driver -> url.equals(driver.getCurrentUrl())
				&& Boolean.TRUE.equals(driver.executeScript("return document.readyState === 'complete'"
						+ " && !!window.SessionTracker")));
	}

	private String demoUrl() {
		return "http://localhost:" + this.port + "/sdk/v1/demo.html";
	}

	/** A new browser on the demo page; the test closes it. */
	private Browser demo() {
		Browser browser = new Browser();
		try {
			browser.open(demoUrl());
		}
		catch (RuntimeException ex) {
			browser.close();
			throw ex;
		}
		return browser;
	}

	/** Calls SessionTracker.init(options) in the page and returns the session id it resolves to. */
	private String init(Browser browser, Map<String, Object> options) {
		Object id = call(browser, "init(arguments[0])", options);
		assertThat(id).as("SessionTracker.init resolved to a session id").isInstanceOf(String.class);
		return (String) id;
	}

	/**
	 * Starts a session in the page (batches going only when asked), then ends it through the API, as another tab or
	 * the idle closer would: the page still holds it.
	 */
	private String initThenEndOnTheServer(Browser browser, String reason) {
		String id = init(browser, Map.of("userId", this.user, "flushInterval", NEVER));
		assertThat(this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", reason))).status())
			.isEqualTo(200);
		return id;
	}

	/** Calls SessionTracker.{call} and waits for the promise (or value) it returns. */
	private Object call(Browser browser, String call, Object... args) {
		Object result = browser.jsAsync("var done = arguments[arguments.length - 1];"
				+ "Promise.resolve(SessionTracker." + call + ")"
				+ ".then(function (r) { done(r === undefined ? null : r); },"
				+ " function (e) { done('rejected: ' + e); });",
				args);
		assertThat(String.valueOf(result)).as(call).doesNotStartWith("rejected: ");
		return result;
	}

	private void track(Browser browser, String action) {
		browser.js("SessionTracker.track(arguments[0], arguments[1])", action, Map.of("test", true));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> state(Browser browser) {
		return (Map<String, Object>) browser.js("return SessionTracker._state()");
	}

	private JsonNode session(String id) {
		return this.api.get("/api/v1/sessions/" + id).json();
	}

	private Instant lastSeen(String id) {
		return Instant.parse(session(id).get("lastSeen").asString());
	}

	private List<String> actions(String id) {
		return events(id).stream().map(event -> event.get("action").asString()).toList();
	}

	private List<JsonNode> events(String id) {
		return this.api.get("/api/v1/sessions/" + id + "/events").json().valueStream().toList();
	}

	private int sessionsOfUser() {
		return this.jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE user_id = ?", Integer.class,
				this.user);
	}

	private int eventsOfUser() {
		return this.jdbc.queryForObject("SELECT count(*) FROM session_events e JOIN user_sessions s"
				+ " ON s.id = e.session_id WHERE s.user_id = ?", Integer.class, this.user);
	}

	/** Polls every 50 ms, for at most 10 s, until the value satisfies the condition, and returns it. */
	private static <T> T await(String what, Supplier<T> value, Predicate<T> done) {
		AtomicReference<T> last = new AtomicReference<>();
		return new FluentWait<>(value).withTimeout(Duration.ofSeconds(10))
			.pollingEvery(Duration.ofMillis(50))
			.withMessage(() -> what + "; last seen: " + last.get())
			.until(supplier -> {
				last.set(supplier.get());
				return done.test(last.get()) ? last.get() : null;
			});
	}

}
