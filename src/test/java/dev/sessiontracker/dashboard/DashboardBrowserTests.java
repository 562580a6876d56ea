package dev.sessiontracker.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.pattern.PatternService;
import dev.sessiontracker.sdk.Browser;
import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ops dashboard in a real headless Chromium against the real service and known data. Nothing sleeps: the tests
 * wait for what the page shows (every 50 ms, at most 10 s). The server's clock stays at {@link HttpTest#T0}, a
 * Tuesday, so the dashboard's "today" is 2026-11-24 and its default range 2026-10-26 to 2026-11-24.
 */
class DashboardBrowserTests extends HttpTest {

	private static final LocalDate TODAY = LocalDate.parse("2026-11-24");

	private static final LocalDate YESTERDAY = TODAY.minusDays(1);

	private static final String KEY_STORAGE = "tracker-read-key";

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final List<String> CHARTS = List.of("chart-daily-sessions", "chart-daily-duration",
			"chart-daily-rates", "chart-stay", "chart-exit-reasons", "chart-abandoned", "chart-patterns");

	private static final String POWER = "power";

	/** The power user's session with known events, the newest of that user's sessions. */
	private static final List<String> POWER_EVENTS = List.of("page_view", "search", "export", "workflow_start");

	private final Map<String, String> active = new LinkedHashMap<>();

	/** The power user's sessions, newest first. */
	private final List<String> powerSessions = new ArrayList<>();

	@Autowired
	private PatternService patterns;

	private Browser browser;

	/**
	 * Today: u1, u2, u3 active since 10:00 (u1 with a page view of /pricing and an error) and the power user's session
	 * with known events from 08:00 to 08:25; yesterday: u1 and u4 ended at 14:00-14:10; 19 to 22 November: one
	 * hour-long session of 90 actions a day for the power user. Past days are rolled up, today too, and the users of
	 * the last two days classified, as the hourly jobs would, so that co-usage and users by pattern have data.
	 */
	@BeforeEach
	void seed() {
		assumeTrue(Browser.available(), "browser tests skipped: " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
				+ " is missing");
		deleteAllSessions();

		for (int day = 22; day >= 19; day--) {
			Instant start = Instant.parse("2026-11-" + day + "T15:00:00Z");
			this.powerSessions.add(insertSession(POWER, start, start.plus(Duration.ofHours(1)), 90, 0, "/dashboard",
					"/reports")
				.toString());
		}
		this.powerSessions.add(0, powerSessionWithKnownEvents());

		insertSession("u1", Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T14:10:00Z"), 3, 0,
				"/pricing", "/checkout");
		insertSession("u4", Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T14:10:00Z"), 4, 0,
				"/home", "/checkout");

		this.clock.set(T0);
		this.active.put("u1", start("u1", "/home"));
		this.active.put("u2", start("u2", "/home"));
		this.active.put("u3", start("u3", "/docs"));
		events(this.active.get("u1"), event("page_view", Map.of("page", "/pricing")),
				event("error", Map.of("message", "Payment form failed")));

		for (LocalDate day = TODAY.minusDays(5); !day.isAfter(TODAY); day = day.plusDays(1)) {
			assertThat(this.api.post("/api/v1/stats/daily/" + day + "/rollup", null).status()).as("rollup " + day)
				.isEqualTo(200);
		}
		this.patterns.refreshUsersActiveSince(T0.minus(Duration.ofDays(2)));
		this.browser = new Browser();
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void thePageAsksForTheReadKeyRefusesAWrongOneAndShowsTheAppWithTheRightOne() {
		this.browser.open(dashboardUrl());
		this.browser.waitFor("#key-input");
		assertThat(this.browser.find("#app").getDomAttribute("hidden")).as("#app hidden before a key").isNotNull();
		assertThat(this.browser.find("#app").isDisplayed()).isFalse();
		assertThat(pageErrors()).as("console errors on load").isEmpty();

		submitKey("not-the-key");
		String error = this.browser.await("#key-error shows an error", driver -> textOf("#key-error"),
				text -> !text.isBlank());
		assertThat(error).isNotBlank();
		assertThat(this.browser.find("#key-form").isDisplayed()).isTrue();
		assertThat(this.browser.find("#app").isDisplayed()).isFalse();
		assertThat(this.browser.js("return sessionStorage.getItem(arguments[0])", KEY_STORAGE))
			.as("a refused key is not kept")
			.isNotEqualTo("not-the-key");
		// The page can only learn that a key is wrong from a 401, which the browser itself logs as a failed load.
		assertThat(pageErrors()).as("console errors after a wrong key")
			.allSatisfy(entry -> assertThat(entry).contains("status of 401"));

		submitKey(READ_KEY);
		this.browser.waitFor("#app");
		assertThat(this.browser.js("return sessionStorage.getItem(arguments[0])", KEY_STORAGE)).isEqualTo(READ_KEY);
		this.browser.waitForText("#active-count", "3");

		this.browser.open(dashboardUrl());
		this.browser.waitFor("#app");
		this.browser.waitForText("#active-count", "3");
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).as("console errors with the right key").isEmpty();
	}

	@Test
	void theActiveSessionsAreCountedAndListedAndTheCountFollowsANewSessionWithoutAReload() {
		openWithKey();
		List<WebElement> rows = this.browser.await("3 active rows", driver -> {
			List<WebElement> found = this.browser.findAll("#active-table tbody tr[data-session-id]");
			return found.size() == 3 ? found : null;
		});
		assertThat(rows).extracting(row -> row.getDomAttribute("data-session-id"))
			.containsExactlyInAnyOrderElementsOf(this.active.values());
		assertThat(rows).extracting(row -> cells(row).get(0)).containsExactlyInAnyOrder("u1", "u2", "u3");

		List<String> u1 = cells(this.browser.find(rowOf(this.active.get("u1"))));
		assertThat(u1).as("user, entry page, current page, last seen, actions, errors").hasSize(6);
		assertThat(u1.get(1)).contains("/home");
		assertThat(u1.get(2)).contains("/pricing");
		assertThat(u1.get(3)).containsPattern("\\d");
		assertThat(u1.get(4)).isEqualTo("2");
		assertThat(u1.get(5)).isEqualTo("1");

		String u5 = start("u5", "/home");
		refreshActive();
		this.browser.waitForText("#active-count", "4");
		this.browser.waitFor(rowOf(u5));
		assertThat(this.browser.findAll("#active-table tbody tr[data-session-id]")).hasSize(4);
		assertThat(this.browser.js("return window.__noReload === true")).as("no reload").isEqualTo(true);
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void aRangeShowsItsSessionCountEngagementChartsTopPagesAndTheHeatmap() {
		openWithKey();
		String to = this.browser.await("#to set", driver -> valueOf("#to"), value -> !value.isEmpty());
		assertThat(to).isEqualTo(TODAY.toString());
		assertThat(valueOf("#from")).isEqualTo(TODAY.minusDays(29).toString());
		this.browser.waitForText("#kpi-sessions", "10");

		applyRange(YESTERDAY, TODAY);

		this.browser.waitForText("#kpi-sessions", "6");
		assertThat(textOf("#range-status")).as("the range's loading note, once it is shown").isEmpty();
		assertThat(sumOfDailyTotalSessions(YESTERDAY, TODAY)).isEqualTo(6);
		JsonNode engagement = this.api.get("/api/v1/insights/engagement?from=" + YESTERDAY + "&to=" + TODAY).json();
		assertThat(engagement.get("dau").asDouble()).isEqualTo(3.0);
		assertThat(engagement.get("mau").asLong()).isEqualTo(5);
		assertThat(number(textOf("#kpi-dau"))).isCloseTo(3.0, within(0.001));
		assertThat(number(textOf("#kpi-mau"))).isCloseTo(5.0, within(0.001));
		String stickiness = textOf("#kpi-stickiness");
		assertThat(number(stickiness)).as(stickiness).isCloseTo(stickiness.contains("%") ? 60.0 : 0.6, within(0.001));

		Map<String, Integer> heatmap = this.browser.await("the heatmap of the range (6 sessions)", driver -> {
			Map<String, Integer> cells = heatmap();
			return cells.values().stream().mapToInt(Integer::intValue).sum() == 6 ? cells : null;
		});
		assertThat(this.browser.findAll("#heatmap .cell")).hasSize(168);
		assertThat(heatmap).hasSize(168);
		assertThat(heatmap).containsEntry("2/10", 3).containsEntry("2/8", 1).containsEntry("1/14", 2);
		assertThat(heatmap.keySet()).containsAll(allWeekdayHours());

		assertChartsDrawn();
		assertThat(chartData("chart-daily-sessions")).as("sessions a day").containsExactly(2.0, 4.0);
		JsonNode leave = this.api.get("/api/v1/insights/leave?from=" + YESTERDAY + "&to=" + TODAY).json();
		assertThat(chartLabels("chart-exit-reasons")).containsExactlyInAnyOrder("navigation", "logout");
		assertThat(chartData("chart-exit-reasons")).containsExactlyInAnyOrder(2.0, 1.0);
		assertThat(leave.get("abandonedWorkflows")).hasSize(1);
		assertThat(chartLabels("chart-abandoned")).containsExactly("report-builder");
		assertThat(chartData("chart-stay").stream().mapToDouble(Double::doubleValue).sum()).as("ended sessions")
			.isEqualTo(3.0);
		assertThat(chartLabels("chart-patterns")).contains("power_user");
		assertThat(chartData("chart-patterns").stream().mapToDouble(Double::doubleValue).sum()).as("users")
			.isEqualTo(5.0);
		List<String> topEntry = this.browser.await("top entry pages",
				driver -> nonEmpty(texts("#top-entry tbody tr")));
		assertThat(topEntry.get(0)).contains("/home");
		List<String> topExit = this.browser.await("top exit pages", driver -> nonEmpty(texts("#top-exit tbody tr")));
		assertThat(topExit).anySatisfy(row -> assertThat(row).contains("/checkout"));
		List<String> pairs = this.browser.await("co-usage pairs", driver -> nonEmpty(texts("#together tbody tr")));
		assertThat(pairs).anySatisfy(row -> assertThat(row).contains("page_view"));
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void theUserViewShowsThePatternAndTheTimelineAndARowOpensItsEvents() {
		openWithKey();
		lookUpUser(POWER);

		JsonNode pattern = this.api.get("/api/v1/sessions/patterns/" + POWER).json();
		assertThat(pattern.get("pattern").asString()).isEqualTo("power_user");
		assertThat(textOf("#user-confidence")).containsPattern("\\d");
		List<String> indicators = texts("#user-indicators li");
		assertThat(indicators).hasSize(pattern.get("indicators").size()).allSatisfy(li -> assertThat(li).isNotBlank());

		List<WebElement> sessions = timeline();
		assertThat(sessions).extracting(row -> row.getDomAttribute("data-session-id"))
			.containsExactlyElementsOf(this.powerSessions);

		String newest = this.powerSessions.get(0);
		sessions.get(0).click();
		List<String> events = this.browser.await("the events of the newest session", driver -> {
			List<String> shown = displayedTexts(rowOf(newest) + " .events li");
			return shown.size() == POWER_EVENTS.size() ? shown : null;
		});
		for (int i = 0; i < POWER_EVENTS.size(); i++) {
			assertThat(events.get(i)).contains(POWER_EVENTS.get(i));
		}

		// Only the row's header toggles: a click in its events leaves them open.
		this.browser.find(rowOf(newest) + " .events li").click();
		assertThat(displayedTexts(rowOf(newest) + " .events li")).as("events after a click in them").hasSize(4);
		this.browser.find(rowOf(newest) + " [aria-expanded]").click();
		this.browser.await("the events closed again",
				driver -> displayedTexts(rowOf(newest) + " .events li").isEmpty());
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void screenshotsOfTheDashboardAndOfTheUserViewAreSaved() throws Exception {
		this.browser.windowSize(1400, 2200);
		openWithKey();
		applyRange(YESTERDAY, TODAY);
		this.browser.waitForText("#kpi-sessions", "6");
		this.browser.await("the heatmap of the range", driver -> heatmap().values().stream()
			.mapToInt(Integer::intValue)
			.sum() == 6);
		this.browser.await("top exit pages", driver -> nonEmpty(texts("#top-exit tbody tr")));
		assertChartsDrawn();
		awaitChartsStill();
		Path dashboard = this.browser.fullPageScreenshot(SCREENSHOTS.resolve("dashboard.png"));

		lookUpUser(POWER);
		timeline().get(0).click();
		this.browser.await("the events of the newest session",
				driver -> displayedTexts(rowOf(this.powerSessions.get(0)) + " .events li").size() == 4);
		this.browser.js("arguments[0].scrollIntoView({block: 'start'})", this.browser.find("#user-form"));
		awaitChartsStill();
		Path user = this.browser.screenshot(SCREENSHOTS.resolve("dashboard-user.png"));

		assertThat(dashboard).exists();
		assertThat(Files.size(dashboard)).isPositive();
		assertThat(user).exists();
		assertThat(Files.size(user)).isPositive();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void aRangeTheDashboardRefusesSaysWhyKeepsSayingItOverARefreshAndShowsNoFiguresForIt() {
		openWithKey();
		this.browser.waitForText("#kpi-sessions", "10");

		// 2025-11-23 to 2026-11-24 counts 367 days, one more than a range may span (the server says 400).
		applyRange(TODAY.minusDays(366), TODAY);
		String error = this.browser.await("the range's error", driver -> rangeError(), text -> text.contains("366"));
		assertNoFiguresShown();
		String u5 = start("u5", "/home");
		refreshActive();
		this.browser.waitForText("#active-count", "4");
		this.browser.waitFor(rowOf(u5));
		assertThat(rangeError()).as("the range's error after a successful refresh of the active sessions")
			.isEqualTo(error);
		assertNoFiguresShown();
		assertThat(requested("from=" + TODAY.minusDays(366))).as("a range refused before asking the server").isEmpty();

		applyRange(TODAY, YESTERDAY);
		this.browser.await("the error of a range whose From is after its To", driver -> rangeError(),
				text -> !text.isBlank() && !text.equals(error));
		assertNoFiguresShown();
		assertThat(requested("from=" + TODAY + "&to=" + YESTERDAY)).isEmpty();

		// Exactly 366 days is a range the server answers: the seeded sessions and u5.
		applyRange(TODAY.minusDays(365), TODAY);
		this.browser.waitForText("#kpi-sessions", "11");
		this.browser.await("the error gone with a valid range", driver -> rangeError(), String::isEmpty);
		assertChartsDrawn();
		assertThat(heatmap().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(11);
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).as("console errors (a refused range is not sent)").isEmpty();
	}

	@Test
	void aRangeTheServerRefusesKeepsItsErrorOverARefreshAndShowsNoFiguresForIt() {
		openWithKey();
		this.browser.waitForText("#kpi-sessions", "10");
		// A server with other limits than the page's: this page's requests for 1 November go out as a range whose
		// From is after its To, which the server refuses with its own problem.
		this.browser.js("const fetch = window.fetch; window.fetch = (url, init) =>"
				+ " fetch(String(url).replace('from=2026-11-01&', 'from=2026-12-01&'), init);");
		applyRange(LocalDate.parse("2026-11-01"), TODAY);
		String error = this.browser.await("the server's refusal", driver -> rangeError(),
				text -> text.contains("after"));
		assertNoFiguresShown();
		start("u5", "/home");
		refreshActive();
		this.browser.waitForText("#active-count", "4");
		assertThat(rangeError()).as("the server's refusal after a successful refresh of the active sessions")
			.isEqualTo(error);
		assertNoFiguresShown();

		applyRange(YESTERDAY, TODAY);
		this.browser.waitForText("#kpi-sessions", "7");
		this.browser.await("the error gone with a range the server answers", driver -> rangeError(), String::isEmpty);
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).as("console errors: the refused requests only")
			.allSatisfy(entry -> assertThat(entry).contains("status of 400"));
	}

	@Test
	void theUserLookupTakesTheIdAsTypedSpacesIncludedAndRefusesOnlyAnEmptyOne() {
		openWithKey();
		Map<String, String> users = new LinkedHashMap<>();
		for (String user : List.of(" padded ", "   ", "😀".repeat(100))) {
			users.put(user, start(user, "/home"));
			assertThat(this.api.get("/api/v1/sessions/user/" + encode(user) + "/history").json()).as(user).hasSize(1);
		}
		start("padded", "/home");
		start("padded", "/home");

		users.forEach((user, session) -> {
			WebElement input = this.browser.waitFor("#user-input");
			input.clear();
			input.click();
			// As typed: Input.insertText is how a keyboard or an IME enters text (sendKeys cannot enter an emoji).
			this.browser.driver().executeCdpCommand("Input.insertText", Map.of("text", user));
			input.sendKeys(Keys.ENTER);
			List<WebElement> rows = this.browser.await("the timeline of " + encode(user), driver -> {
				List<WebElement> found = this.browser.findAll("#timeline .session[data-session-id]");
				return found.size() == 1 && session.equals(found.get(0).getDomAttribute("data-session-id")) ? found
						: null;
			});
			assertThat(rows).hasSize(1);
			assertThat(textOf("#user-pattern")).isEqualTo("quick_checker");
			assertThat(this.browser.js("return document.getElementById('user-shown').textContent")).isEqualTo(user);
		});

		WebElement input = this.browser.find("#user-input");
		input.clear();
		input.sendKeys(Keys.ENTER);
		assertThat(this.browser.js("return document.getElementById('user-input').validity.valueMissing"))
			.isEqualTo(true);
		assertThat(this.browser.js("return performance.getEntriesByType('resource').map(e => e.name)"
				+ ".filter(name => name.endsWith('/patterns/') || name.includes('/user//'))"))
			.as("requests for an empty user id")
			.asList()
			.isEmpty();
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void at1400PixelsTheActiveTableFitsItsCardTimesNameTheirZoneAndEmptyHourlyResultsSaySo() {
		this.jdbc.update("DELETE FROM user_patterns");
		this.jdbc.update("DELETE FROM daily_action_pairs");
		this.browser.windowSize(1400, 1200);
		openWithKey();
		// The range's answers first: today's count is live, and the sessions below are for the active table only.
		this.browser.waitForText("#kpi-sessions", "10");
		for (int i = 1; i <= 3; i++) {
			String session = start("u-close-endOnClose-unreachable-" + i,
					"http://127.0.0.1:18433/manual.html?utm_campaign=winter-sale-2026&variant=" + i);
			events(session, event("page_view", Map.of("page", "/pricing/enterprise/compare?plan=team&seats=" + i)));
		}
		refreshActive();
		this.browser.waitForText("#active-count", "6");

		@SuppressWarnings("unchecked")
		Map<String, Object> fit = (Map<String, Object>) this.browser.js("const table = document.getElementById("
				+ "'active-table'); const card = table.closest('.card'); const errors = table.querySelector("
				+ "'thead th:last-child'); return {scroll: card.scrollWidth, client: card.clientWidth,"
				+ " errorsRight: errors.getBoundingClientRect().right, cardRight: card.getBoundingClientRect().right,"
				+ " errors: errors.textContent};");
		assertThat(fit.get("errors")).isEqualTo("Errors");
		assertThat(((Number) fit.get("scroll")).doubleValue()).as("the card's width with its table " + fit)
			.isLessThanOrEqualTo(((Number) fit.get("client")).doubleValue());
		assertThat(((Number) fit.get("errorsRight")).doubleValue()).as("the Errors column's right edge " + fit)
			.isLessThanOrEqualTo(((Number) fit.get("cardRight")).doubleValue());

		// An absolute URL shows its path and query, the part that tells pages apart; its title has all of it.
		WebElement entry = this.browser.findAll("#active-table tbody tr")
			.stream()
			.map(row -> row.findElements(By.tagName("td")).get(1))
			.filter(cell -> cell.getDomAttribute("title").startsWith("http://127.0.0.1:18433/"))
			.findFirst()
			.orElseThrow();
		assertThat(entry.getText()).startsWith("/manual.html?utm_campaign=winter-sale-2026");
		assertThat(entry.getDomAttribute("title")).startsWith("http://127.0.0.1:18433/manual.html?utm_campaign=");

		assertThat(cells(this.browser.find("#active-table thead tr")).get(3)).contains("UTC");
		assertThat(this.browser.js("return document.querySelector('#user-view h3').textContent")).asString()
			.contains("UTC");
		this.browser.await("the heatmap's zone", driver -> this.browser.find("#heatmap").findElement(By.xpath(".."))
			.findElement(By.tagName("h2"))
			.getText(), text -> text.contains("UTC"));

		assertThat(chartData("chart-patterns")).isEmpty();
		assertThat(texts("#together tbody tr")).isEmpty();
		assertThat(this.browser.waitFor("#patterns-empty").getText()).contains("hourly");
		assertThat(this.browser.waitFor("#together-empty").getText()).contains("hourly");

		// The hourly jobs run: the hints go with the first answers that have something to show.
		this.patterns.refreshUsersActiveSince(T0.minus(Duration.ofDays(2)));
		assertThat(this.api.post("/api/v1/stats/daily/" + TODAY + "/rollup", null).status()).isEqualTo(200);
		this.browser.find("#apply").click();
		this.browser.await("users by pattern", driver -> chartData("chart-patterns"), data -> !data.isEmpty());
		this.browser.await("co-usage pairs", driver -> nonEmpty(texts("#together tbody tr")));
		assertThat(this.browser.find("#patterns-empty").isDisplayed()).isFalse();
		assertThat(this.browser.find("#together-empty").isDisplayed()).isFalse();
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void atPhoneTabletAndLaptopWidthsNothingScrollsSidewaysWithALongPageAndLongEventDataOpen() {
		openWithKey();
		String page = "/reports/" + "quarterly-revenue-by-region-".repeat(70);
		String user = "long-user-" + "x".repeat(100);
		String session = start(user, page);
		events(session, event("page_view", Map.of("page", page + "?compare=previous-year")),
				event("note", Map.of("text", "x".repeat(3000))));
		refreshActive();
		this.browser.waitForText("#active-count", "4");
		WebElement input = this.browser.waitFor("#user-input");
		input.clear();
		input.sendKeys(user, Keys.ENTER);
		this.browser.waitFor(rowOf(session) + " [aria-expanded]").click();
		this.browser.await("the long events open",
				driver -> displayedTexts(rowOf(session) + " .events li").size() == 2);

		for (int width : List.of(375, 768, 1024, 1400)) {
			this.browser.windowSize(width, 900);
			assertThat(this.browser.js("return window.innerWidth")).as("the viewport").isEqualTo((long) width);
			this.browser.await("no sideways scroll at " + width + " px (scroll and client width)",
					driver -> this.browser.js("const d = document.documentElement;"
							+ " return [d.scrollWidth, d.clientWidth];"),
					sizes -> ((List<?>) sizes).get(0).equals(((List<?>) sizes).get(1)));
			@SuppressWarnings("unchecked")
			Map<String, Number> layout = (Map<String, Number>) this.browser.js(
					"const card = document.getElementById('active-table').closest('.card');"
							+ " const live = document.querySelector('.card.live').getBoundingClientRect();"
							+ " const tracks = [...document.querySelectorAll('#timeline .track.duration')];"
							+ " return {tableScroll: card.scrollWidth, tableClient: card.clientWidth,"
							+ " tableTop: card.getBoundingClientRect().top, liveWidth: live.width,"
							+ " liveBottom: live.bottom, columns: new Set([...document.querySelectorAll("
							+ "'.grid > .card')].map(c => Math.round(c.getBoundingClientRect().left))).size,"
							+ " barRoom: Math.max(...tracks.map(t => t.getBoundingClientRect().width)),"
							+ " timeline: document.getElementById('timeline').getBoundingClientRect().width};");
			String at = width + " px: " + layout;
			assertThat(layout.get("tableScroll").doubleValue()).as("the active table's card at " + at)
				.isLessThanOrEqualTo(layout.get("tableClient").doubleValue());
			assertThat(layout.get("barRoom").doubleValue()).as("the room for a session's duration bar at " + at)
				.isGreaterThan(layout.get("timeline").doubleValue() / 4);
			if (width == 375) {
				assertThat(layout.get("tableTop").doubleValue()).as("active sessions below the count at " + at)
					.isGreaterThan(layout.get("liveBottom").doubleValue());
				assertThat(layout.get("columns").intValue()).as("one column of cards at " + at).isEqualTo(1);
			}
			else {
				assertThat(layout.get("liveWidth").doubleValue()).as("the live count's card at " + at)
					.isLessThanOrEqualTo(200);
			}
		}
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void aServiceUnreachableWhenThePageLoadsIsRetriedUntilItAnswersAndThenTheDashboardAppearsWithoutAReload() {
		this.browser.open(dashboardUrl());
		this.browser.js("sessionStorage.setItem(arguments[0], arguments[1])", KEY_STORAGE, READ_KEY);
		blockApi(true);
		this.browser.open(dashboardUrl());
		this.browser.js("window.__noReload = true");
		String message = this.browser.await("the outage said", driver -> textOf("#status"),
				text -> text.contains("retrying"));
		assertThat(message).isEqualTo("The service cannot be reached; retrying…");
		assertThat(this.browser.find("#app").isDisplayed()).isFalse();

		blockApi(false);
		this.browser.waitFor("#app");
		this.browser.waitForText("#active-count", "3");
		this.browser.waitForText("#kpi-sessions", "10");
		this.browser.await("the outage's message gone", driver -> textOf("#status"), String::isEmpty);
		assertThat(this.browser.js("return window.__noReload === true")).as("no reload").isEqualTo(true);
		assertThat(pageErrors()).as("console errors: the blocked requests only")
			.allSatisfy(entry -> assertThat(entry).contains("ERR_BLOCKED_BY_CLIENT"));
	}

	@Test
	void aRangeAppliedDuringAnOutageSaysWhatTheServiceAnsweredAndLoadsByItselfOnceItAnswersAgain() {
		openWithKey();
		this.browser.waitForText("#kpi-sessions", "10");
		// A proxy in front of a stopped service: 502 and no problem in the body.
		this.browser.js("window.__fetch = window.fetch; window.fetch = (url, init) => String(url).includes('/api/v1/')"
				+ " ? Promise.resolve(new Response('Bad gateway', {status: 502})) : window.__fetch(url, init);");
		applyRange(YESTERDAY, TODAY);
		String error = this.browser.await("the outage's error", driver -> rangeError(), text -> text.contains("502"));
		assertThat(error).startsWith("The service answered 502;");
		assertNoFiguresShown();

		this.browser.js("window.fetch = window.__fetch");
		this.browser.waitForText("#kpi-sessions", "6");
		this.browser.await("the error gone once the range is answered", driver -> rangeError(), String::isEmpty);
		assertThat(List.of(valueOf("#from"), valueOf("#to"))).containsExactly(YESTERDAY.toString(), TODAY.toString());
		assertChartsDrawn();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void aSlowServiceHasOneRefreshOfTheActiveSessionsInFlightAtMostAndOneThatTimesOutMarksThemStale() {
		openWithKey();
		this.browser.js("(window.dashboard.timeouts || {}).request = 1000");
		// Once no refresh is in flight: requests for the active sessions that never answer, but end when aborted.
		Object asked = this.browser.jsAsync("const done = arguments[arguments.length - 1];"
				+ " window.dashboard.refreshActive().then(() => {"
				+ " window.__fetch = window.fetch; window.__asked = 0; window.__aborted = 0;"
				+ " window.fetch = (url, init) => !String(url).includes('/sessions/active') ? window.__fetch(url, init)"
				+ " : new Promise((resolve, reject) => { window.__asked++; if (init && init.signal) {"
				+ " init.signal.addEventListener('abort', () => { window.__aborted++;"
				+ " reject(new DOMException('The operation was aborted.', 'AbortError')); }); } });"
				+ " for (let i = 0; i < 3; i++) window.dashboard.refreshActive();"
				+ " done(window.__asked); });");
		assertThat(asked).as("requests for the active sessions after three refreshes").isEqualTo(1L);

		String stale = this.browser.await("the stale note", driver -> textOf("#status"),
				text -> text.contains("stale"));
		assertThat(stale).startsWith("The service did not answer within 1 s; the active sessions are stale");
		assertThat(this.browser.js("return [window.__asked, window.__aborted]")).asList().containsExactly(1L, 1L);
		assertThat(textOf("#active-count")).as("the last count, shown as stale").isEqualTo("3");

		this.browser.js("window.fetch = window.__fetch");
		refreshActive();
		this.browser.await("the stale note gone", driver -> textOf("#status"), String::isEmpty);
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void aTimelineRowIsReachedWithTabAndOpensWithEnterAndTheChartsAreDescribed() {
		openWithKey();
		lookUpUser(POWER);
		timeline();
		String newest = this.powerSessions.get(0);
		this.browser.find("#user-input").click();
		for (int i = 0; i < 5 && !Boolean.TRUE.equals(this.browser.js("return !!document.activeElement.closest("
				+ "'#timeline')")); i++) {
			this.browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
		}
		WebElement focused = this.browser.driver().switchTo().activeElement();
		assertThat(this.browser.js("const row = document.activeElement.closest('[data-session-id]');"
				+ " return row ? row.dataset.sessionId : document.activeElement.outerHTML.slice(0, 80);"))
			.as("the focus after Tab from the user lookup")
			.isEqualTo(newest);
		assertThat(focused.getDomAttribute("aria-expanded")).isEqualTo("false");

		focused.sendKeys(Keys.ENTER);
		this.browser.await("the events opened with Enter",
				driver -> displayedTexts(rowOf(newest) + " .events li").size() == POWER_EVENTS.size());
		assertThat(focused.getDomAttribute("aria-expanded")).isEqualTo("true");
		focused.sendKeys(Keys.SPACE);
		this.browser.await("the events closed with Space",
				driver -> displayedTexts(rowOf(newest) + " .events li").isEmpty());
		assertThat(focused.getDomAttribute("aria-expanded")).isEqualTo("false");

		for (String chart : CHARTS) {
			WebElement canvas = this.browser.find("#" + chart);
			assertThat(canvas.getDomAttribute("role")).as(chart).isEqualTo("img");
			assertThat(canvas.getDomAttribute("aria-label")).as(chart).isNotBlank();
		}
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void theOpenButtonIsDisabledAndSaysItChecksTheKeyWhileTheCheckIsInFlightAndMoreClicksStartNoOtherCheck() {
		this.browser.open(dashboardUrl());
		this.browser.waitFor("#key-input");
		// Requests held until the test lets them go.
		this.browser.js("window.__fetch = window.fetch; window.__held = []; window.fetch = (url, init) =>"
				+ " new Promise(resolve => window.__held.push(() => resolve(window.__fetch(url, init))));");
		submitKey(READ_KEY);
		WebElement button = this.browser.find("#key-form button[type=submit]");
		this.browser.await("the Open button disabled", driver -> !button.isEnabled());
		assertThat(textOf("#key-form")).contains("Checking the key…");
		button.click();
		this.browser.find("#key-input").sendKeys(Keys.ENTER);
		this.browser.js("document.getElementById('key-form').requestSubmit()");
		assertThat(this.browser.js("return window.__held.length")).as("key checks in flight").isEqualTo(1L);

		this.browser.js("window.fetch = window.__fetch; window.__held.forEach(go => go())");
		this.browser.waitFor("#app");
		this.browser.waitForText("#active-count", "3");
		assertThat(button.isEnabled()).isTrue();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void anEmptyDatabaseSaysSoKeepsItsChartsAtZeroAndARangeSaysWhereItLies() {
		deleteAllSessions();
		openWithKey("0");
		this.browser.waitForText("#active-note", "No active sessions.");
		this.browser.waitForText("#kpi-sessions", "0");
		for (String empty : List.of("chart-exit-reasons", "chart-abandoned", "top-entry", "top-exit")) {
			assertThat(this.browser.waitFor("#" + empty + "-empty").getText()).isEqualTo("No data in this range.");
		}
		for (String chart : List.of("chart-daily-sessions", "chart-daily-duration", "chart-daily-rates")) {
			assertThat(this.browser.js("return Chart.getChart(arguments[0]).scales.y.min", chart)).as(chart)
				.isEqualTo(0L);
		}
		String range = "from " + TODAY.minusDays(29) + " to " + TODAY;
		assertThat(this.browser.waitFor("#patterns-empty").getText()).contains(range);
		assertThat(this.browser.waitFor("#together-empty").getText()).contains(range);

		// Across the turn of a year, a day's label names its year.
		applyRange(LocalDate.parse("2025-12-30"), LocalDate.parse("2026-01-02"));
		this.browser.await("the days of the range", driver -> chartLabels("chart-daily-sessions"),
				labels -> labels.equals(List.of("2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02")));

		applyRange(TODAY.plusDays(7), TODAY.plusDays(14));
		this.browser.await("the range after today said", driver -> textOf("#range-status"),
				text -> text.contains("after today (" + TODAY + ")"));
		assertThat(this.browser.waitFor("#together-empty").getText()).contains("after today");
		assertThat(textOf("#status")).isEmpty();
		assertThat(pageErrors()).isEmpty();
	}

	@Test
	void aDashboardLeftOpenOverTheServersMidnightLearnsTheNewTodayFromTheNextRange() {
		openWithKey();
		this.browser.await("the default range, up to today", driver -> valueOf("#to"),
				value -> value.equals(TODAY.toString()));
		this.clock.set(T0.plus(Duration.ofDays(1))); // the server's midnight has passed

		applyRange(TODAY.minusDays(6), TODAY.plusDays(1));

		this.browser.await("the new day's row", driver -> chartLabels("chart-daily-sessions").size(),
				size -> size == 8);
		assertThat(textOf("#range-status")).as("the new today is no day after today").isEmpty();
		applyRange(TODAY.minusDays(6), TODAY.plusDays(3));
		this.browser.await("the days after the new today said", driver -> textOf("#range-status"),
				text -> text.contains("after today (" + TODAY.plusDays(1) + ")"));
		assertThat(pageErrors()).isEmpty();
	}

	// ---- the page ----

	private String dashboardUrl() {
		return "http://localhost:" + this.port + "/dashboard/";
	}

	/** Opens the dashboard with the key already in sessionStorage, as after a successful prompt. */
	private void openWithKey() {
		openWithKey("3");
	}

	private void openWithKey(String activeCount) {
		this.browser.open(dashboardUrl());
		this.browser.js("sessionStorage.setItem(arguments[0], arguments[1])", KEY_STORAGE, READ_KEY);
		this.browser.open(dashboardUrl());
		this.browser.js("window.__noReload = true");
		this.browser.waitFor("#app");
		this.browser.waitForText("#active-count", activeCount);
	}

	/** Makes the API unreachable for the page, as a stopped service or a lost network would, or reachable again. */
	private void blockApi(boolean blocked) {
		this.browser.driver().executeCdpCommand("Network.enable", Map.of());
		this.browser.driver()
			.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", blocked ? List.of("*/api/v1/*") : List.of()));
	}

	private void submitKey(String key) {
		WebElement input = this.browser.waitFor("#key-input");
		input.clear();
		input.sendKeys(key, Keys.ENTER);
	}

	/** Calls the page's refresh hook, or reloads everything with #apply when the page has none. */
	private void refreshActive() {
		Object hook = this.browser
			.js("return !!(window.dashboard && typeof window.dashboard.refreshActive === 'function')");
		if (Boolean.TRUE.equals(hook)) {
			this.browser.js("window.dashboard.refreshActive()");
		}
		else {
			this.browser.find("#apply").click();
		}
	}

	private void applyRange(LocalDate from, LocalDate to) {
		this.browser.waitFor("#from");
		// Typing into a date input depends on the browser's locale; setting the value is what a picker does.
		this.browser.js("for (const [id, value] of [['from', arguments[0]], ['to', arguments[1]]]) {"
				+ " const input = document.getElementById(id); input.value = value;"
				+ " input.dispatchEvent(new Event('input', {bubbles: true}));"
				+ " input.dispatchEvent(new Event('change', {bubbles: true})); }", from.toString(), to.toString());
		this.browser.find("#apply").click();
	}

	private void lookUpUser(String userId) {
		WebElement input = this.browser.waitFor("#user-input");
		input.clear();
		input.sendKeys(userId, Keys.ENTER);
		this.browser.waitForText("#user-pattern", "power_user");
	}

	/** The timeline's rows once it lists all the power user's sessions. */
	private List<WebElement> timeline() {
		return this.browser.await("the timeline of " + this.powerSessions.size() + " sessions", driver -> {
			List<WebElement> rows = this.browser.findAll("#timeline .session[data-session-id]");
			return rows.size() == this.powerSessions.size() ? rows : null;
		});
	}

	private static String rowOf(String sessionId) {
		return "[data-session-id='" + sessionId + "']";
	}

	/** The range's error, wherever the page shows it (next to the range, or in the header as it once did). */
	private String rangeError() {
		return String.valueOf(this.browser.js("return ['range-error', 'status'].map(id => document.getElementById(id))"
				+ ".filter(e => e).map(e => e.textContent.trim()).filter(t => t).join(' ')"));
	}

	/** No figure of a range: the KPIs read "–", no chart, no heatmap cell, no row in the range's tables. */
	private void assertNoFiguresShown() {
		assertThat(List.of(textOf("#kpi-sessions"), textOf("#kpi-dau"), textOf("#kpi-mau"), textOf("#kpi-stickiness")))
			.as("the KPIs")
			.containsOnly("–");
		assertThat(this.browser.js("return arguments[0].filter(id => window.Chart && Chart.getChart(id))", CHARTS))
			.as("charts")
			.asList()
			.isEmpty();
		assertThat(this.browser.findAll("#heatmap .cell")).as("heatmap cells").isEmpty();
		assertThat(texts("#top-entry tbody tr, #top-exit tbody tr, #together tbody tr")).as("table rows").isEmpty();
		assertThat(textOf("#stay-summary")).isEmpty();
	}

	/** The URLs the page has requested that contain the text. */
	@SuppressWarnings("unchecked")
	private List<String> requested(String text) {
		return (List<String>) this.browser.js("return performance.getEntriesByType('resource').map(e => e.name)"
				+ ".filter(name => name.includes(arguments[0]))", text);
	}

	private static String encode(String userId) {
		return java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	private String textOf(String cssSelector) {
		return this.browser.find(cssSelector).getText().strip();
	}

	private String valueOf(String cssSelector) {
		return String.valueOf(this.browser.find(cssSelector).getDomProperty("value"));
	}

	private List<String> texts(String cssSelector) {
		return this.browser.findAll(cssSelector).stream().map(element -> element.getText().strip()).toList();
	}

	private List<String> displayedTexts(String cssSelector) {
		return this.browser.findAll(cssSelector)
			.stream()
			.filter(WebElement::isDisplayed)
			.map(element -> element.getText().strip())
			.toList();
	}

	private static List<String> cells(WebElement row) {
		return row.findElements(By.cssSelector("td, th")).stream().map(cell -> cell.getText().strip()).toList();
	}

	private static <T> List<T> nonEmpty(List<T> list) {
		return list.isEmpty() ? null : list;
	}

	/** The heatmap's cells as "weekday/hour" to count, read in one script. */
	@SuppressWarnings("unchecked")
	private Map<String, Integer> heatmap() {
		Map<String, Object> cells = (Map<String, Object>) this.browser.js("const cells = {};"
				+ " for (const c of document.querySelectorAll('#heatmap .cell[data-weekday][data-hour][data-count]'))"
				+ " cells[c.dataset.weekday + '/' + c.dataset.hour] = Number(c.dataset.count);"
				+ " return cells;");
		Map<String, Integer> counts = new LinkedHashMap<>();
		cells.forEach((cell, count) -> counts.put(cell, ((Number) count).intValue()));
		return counts;
	}

	private static Set<String> allWeekdayHours() {
		Set<String> cells = new HashSet<>();
		for (int weekday = 1; weekday <= 7; weekday++) {
			for (int hour = 0; hour < 24; hour++) {
				cells.add(weekday + "/" + hour);
			}
		}
		return cells;
	}

	/** Every chart canvas is laid out with a width and has something drawn on it. */
	@SuppressWarnings("unchecked")
	private void assertChartsDrawn() {
		Map<String, Object> charts = this.browser.await("all charts drawn",
				driver -> (Map<String, Object>) this.browser.js("const state = {};"
						+ " for (const id of arguments[0]) { const c = document.getElementById(id);"
						+ " if (!c || c.tagName !== 'CANVAS') { state[id] = 'no canvas'; continue; }"
						+ " const width = c.getBoundingClientRect().width;"
						+ " if (!(width > 0) || !c.width || !c.height) { state[id] = 'width ' + width; continue; }"
						+ " const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
						+ " let drawn = false;"
						+ " for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) { drawn = true; break; }"
						+ " state[id] = drawn ? 'drawn' : 'blank'; }"
						+ " return state;", CHARTS),
				state -> state.values().stream().allMatch("drawn"::equals));
		assertThat(charts).containsOnlyKeys(CHARTS);
	}

	/** The values of the first data set of the Chart.js chart on the canvas. */
	@SuppressWarnings("unchecked")
	private List<Double> chartData(String canvasId) {
		List<Object> data = (List<Object>) this.browser.js("const chart = window.Chart && Chart.getChart(arguments[0]);"
				+ " return chart ? chart.data.datasets[0].data : null;", canvasId);
		assertThat(data).as("Chart.js chart on #" + canvasId).isNotNull();
		return data.stream().map(value -> value == null ? null : ((Number) value).doubleValue()).toList();
	}

	@SuppressWarnings("unchecked")
	private List<String> chartLabels(String canvasId) {
		List<Object> labels = (List<Object>) this.browser.js(
				"const chart = window.Chart && Chart.getChart(arguments[0]); return chart ? chart.data.labels : null;",
				canvasId);
		assertThat(labels).as("Chart.js chart on #" + canvasId).isNotNull();
		return labels.stream().map(String::valueOf).toList();
	}

	/** Waits until no chart changes between two looks 50 ms apart (animations over), for a stable screenshot. */
	private void awaitChartsStill() {
		AtomicReference<Object> previous = new AtomicReference<>();
		this.browser.await("charts still", driver -> {
			Object now = this.browser.js("return Array.from(document.querySelectorAll('canvas'))"
					+ ".map(c => c.width ? c.toDataURL().length + ':' + c.toDataURL().slice(-64) : '').join('|')");
			return now.equals(previous.getAndSet(now));
		});
	}

	/** The console's errors, but for the browser's own request for an icon the page does not name. */
	private List<String> pageErrors() {
		return this.browser.consoleErrors().stream().filter(error -> !error.contains("/favicon.ico ")).toList();
	}

	private static double number(String text) {
		Matcher number = Pattern.compile("-?\\d+(?:[.,]\\d+)?").matcher(text);
		assertThat(number.find()).as("a number in '" + text + "'").isTrue();
		return Double.parseDouble(number.group().replace(',', '.'));
	}

	// ---- the data ----

	/** The power user's newest session, 08:00 to 08:25 today, with four known events five minutes apart. */
	private String powerSessionWithKnownEvents() {
		Instant start = T0.minus(Duration.ofHours(2));
		this.clock.set(start);
		String id = start(POWER, "/dashboard");
		List<Map<String, Object>> events = List.of(event("page_view", Map.of("page", "/reports")),
				event("search", Map.of("query", "churn")), event("export", Map.of("format", "csv")),
				event("workflow_start", Map.of("workflowId", "report-builder")));
		for (int i = 0; i < events.size(); i++) {
			this.clock.set(start.plus(Duration.ofMinutes(5L * (i + 1))));
			Api.Response response = this.api.post("/api/v1/sessions/" + id + "/event", Api.json(events.get(i)));
			assertThat(response.status()).as(response.body()).isEqualTo(202);
		}
		this.clock.set(start.plus(Duration.ofMinutes(25)));
		Api.Response end = this.api.post("/api/v1/sessions/" + id + "/end", "{\"reason\":\"logout\"}");
		assertThat(end.status()).as(end.body()).isEqualTo(200);
		assertThat(end.json().get("duration").asLong()).isEqualTo(1500);
		this.clock.set(T0);
		return id;
	}

	private String start(String userId, String entryPage) {
		Api.Response response = this.api.post("/api/v1/sessions/start",
				Api.json(Map.of("userId", userId, "entry", Map.of("page", entryPage))));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("id");
	}

	@SafeVarargs
	private void events(String sessionId, Map<String, Object>... events) {
		Api.Response response = this.api.post("/api/v1/sessions/" + sessionId + "/events",
				Api.json(Map.of("events", List.of(events))));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
	}

	private static Map<String, Object> event(String action, Map<String, Object> data) {
		return Map.of("id", UUID.randomUUID().toString(), "action", action, "data", data);
	}

	private long sumOfDailyTotalSessions(LocalDate from, LocalDate to) {
		return this.api.get("/api/v1/stats/daily?from=" + from + "&to=" + to)
			.json()
			.valueStream()
			.mapToLong(day -> day.get("totalSessions").asLong())
			.sum();
	}

}
