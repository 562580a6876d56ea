package dev.sessiontracker.insight;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.pattern.PatternService;
import dev.sessiontracker.stats.DailyStatsService;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Every figure on a hand-built data set, computed by hand in the comments. Today is Tue 2026-11-24 (UTC). */
class InsightsHttpTests extends HttpTest {

	private static final String RANGE = "?from=2026-11-20&to=2026-11-24";

	@Autowired
	DailyStatsService stats;

	@Autowired
	PatternService patterns;

	@BeforeEach
	void handBuiltSessions() {
		deleteAllSessions();
		UUID s1 = ended("u1", "2026-11-20T08:15:00Z", 10, "/z", "navigation", 2); // Fri 8h
		UUID s2 = ended("u1", "2026-11-20T08:45:00Z", 600, "/y", "logout", 3); // Fri 8h
		UUID s3 = ended("u2", "2026-11-21T14:00:00Z", 45, "/z", "timeout", 1); // Sat 14h
		UUID s4 = ended("u3", "2026-11-23T08:30:00Z", 4000, "/y", "timeout", 60); // Mon 8h
		UUID s5 = insertSession("u4", Instant.parse("2026-11-24T09:00:00Z"), null, 2, 0, "/", null); // Tue 9h, open
		events(s1, "search", "view");
		events(s2, "search", "view", "buy");
		events(s3, "search");
		events(s4, "view", "buy");
		events(s5, "search", "view");
		workflow(s1, "checkout", false);
		workflow(s2, "checkout", true);
		workflow(s3, "export", false);
		workflow(s4, "checkout", false);
		this.stats.rollupPendingDays(); // stores 11-20 .. 11-24, today so far included
	}

	@Test
	void activityCountsSessionsByWeekdayAndHour() {
		JsonNode activity = this.api.get("/api/v1/insights/activity" + RANGE).json();

		assertThat(activity.get("sessions").asLong()).isEqualTo(5);
		JsonNode matrix = activity.get("byWeekdayAndHour");
		assertThat(matrix.get(4).get(8).asLong()).as("Friday 08h").isEqualTo(2);
		assertThat(matrix.get(5).get(14).asLong()).as("Saturday 14h").isEqualTo(1);
		assertThat(matrix.get(0).get(8).asLong()).as("Monday 08h").isEqualTo(1);
		assertThat(matrix.get(1).get(9).asLong()).as("Tuesday 09h").isEqualTo(1);
		assertThat(activity.get("peakWeekday").asInt()).isEqualTo(5);
		assertThat(activity.get("peakHour").asInt()).isEqualTo(8);
	}

	@Test
	void stayGivesTheHistogramAndExactPercentilesOfEndedSessions() {
		JsonNode stay = this.api.get("/api/v1/insights/stay" + RANGE).json();

		// ended durations 10, 45, 600, 4000
		assertThat(stay.get("endedSessions").asLong()).isEqualTo(4);
		assertThat(stay.get("medianSeconds").asLong()).as("(45 + 600) / 2 = 322.5").isEqualTo(323);
		assertThat(stay.get("p90Seconds").asLong()).as("600 + 0.7 x 3400").isEqualTo(2980);
		assertThat(stay.get("averageSeconds").asLong()).as("4655 / 4 = 1163.75").isEqualTo(1164);
		assertThat(stay.get("buckets").valueStream().map(b -> b.get("label").asString() + "=" + b.get("sessions")))
			.containsExactly("0s-10s=0", "10s-30s=1", "30s-1m=1", "1m-3m=0", "3m-10m=0", "10m-30m=1", "30m-1h=0",
					"1h+=1");
	}

	@Test
	void leaveRanksExitReasonsExitPagesAndAbandonedWorkflows() {
		JsonNode leave = this.api.get("/api/v1/insights/leave" + RANGE).json();

		assertThat(leave.get("exitReasons").valueStream().map(c -> c.get("name").asString() + "=" + c.get("sessions")))
			.containsExactly("timeout=2", "logout=1", "navigation=1");
		assertThat(leave.get("exitPages").valueStream().map(c -> c.get("name").asString() + "=" + c.get("sessions")))
			.containsExactly("/y=2", "/z=2");
		JsonNode checkout = leave.get("abandonedWorkflows").get(0);
		assertThat(checkout.get("workflowId").asString()).isEqualTo("checkout");
		assertThat(checkout.get("started").asLong()).isEqualTo(3);
		assertThat(checkout.get("abandoned").asLong()).isEqualTo(2);
		assertThat(checkout.get("abandonRate").asDouble()).isEqualTo(0.6667);
		assertThat(leave.get("abandonedWorkflows").get(1).get("workflowId").asString()).isEqualTo("export");

		JsonNode first = this.api.get("/api/v1/insights/leave" + RANGE + "&top=1").json();
		assertThat(first.get("exitPages").valueStream().map(c -> c.get("name").asString())).as("ties: code-point order")
			.containsExactly("/y");
		assertThat(first.get("exitReasons").size()).as("top lists pages and workflows; every reason")
			.isEqualTo(3);
		assertThat(first.get("abandonedWorkflows").size()).isEqualTo(1);
	}

	@Test
	void togetherLeavesOutADayAfterTodayThatAZoneAheadOfThisOneStored() {
		// as the 25th stored in a zone whose today it was, before a change to this one (UTC, today the 24th)
		this.jdbc.update("INSERT INTO daily_session_stats (date, total_sessions, unique_users, breakdowns_stored, zone) "
				+ "VALUES ('2026-11-25', 1, 1, TRUE, 'Asia/Tokyo')");
		this.jdbc.update("INSERT INTO daily_action_usage (date, action, sessions) VALUES ('2026-11-25', 'search', 1), "
				+ "('2026-11-25', 'view', 1)");
		this.jdbc.update("INSERT INTO daily_action_pairs (date, action_a, action_b, sessions) "
				+ "VALUES ('2026-11-25', 'search', 'view', 1)");

		JsonNode together = this.api.get("/api/v1/insights/together?from=2026-11-20&to=2026-11-25").json();

		assertThat(together.get("sessions").asLong()).as("the 24th's sessions not counted twice").isEqualTo(5);
	}

	@Test
	void togetherRanksPairsOfTheRolledUpDaysByLift() {
		JsonNode together = this.api.get("/api/v1/insights/together" + RANGE).json();

		// 5 sessions; search in 4, view in 4, buy in 2; {search,view} 3, {buy,view} 2, {buy,search} 1
		assertThat(together.get("sessions").asLong()).isEqualTo(5);
		List<JsonNode> pairs = together.get("pairs").valueStream().toList();
		assertThat(pairs).extracting(p -> p.get("a").asString() + "+" + p.get("b").asString())
			.containsExactly("buy+view", "search+view", "buy+search");
		JsonNode buyView = pairs.get(0);
		assertThat(buyView.get("sessions").asLong()).isEqualTo(2);
		assertThat(buyView.get("support").asDouble()).isEqualTo(0.4);
		assertThat(buyView.get("confidenceAToB").asDouble()).as("buy -> view: 2 / 2").isEqualTo(1.0);
		assertThat(buyView.get("confidenceBToA").asDouble()).as("view -> buy: 2 / 4").isEqualTo(0.5);
		assertThat(buyView.get("lift").asDouble()).as("2 x 5 / (2 x 4)").isEqualTo(1.25);
		assertThat(pairs.get(1).get("lift").asDouble()).as("3 x 5 / (4 x 4)").isEqualTo(0.9375);
		assertThat(this.api.get("/api/v1/insights/together" + RANGE + "&minSupport=0.3").json().get("pairs").size())
			.isEqualTo(2);
	}

	@Test
	void engagementGivesActiveUsersStickinessAndUsersByPattern() {
		this.patterns.refreshUsersActiveSince(Instant.parse("2026-01-01T00:00:00Z"));

		JsonNode engagement = this.api.get("/api/v1/insights/engagement" + RANGE).json();

		// daily unique users 1, 1, 0, 1, 1 over five days; u1..u4 in the last 7 and 30 days
		assertThat(engagement.get("dau").asDouble()).isEqualTo(0.8);
		assertThat(engagement.get("wau").asLong()).isEqualTo(4);
		assertThat(engagement.get("mau").asLong()).isEqualTo(4);
		assertThat(engagement.get("stickiness").asDouble()).isEqualTo(0.2);
		// u1 averages 305 s: regular; u2 45 s and u4 (open, 0 s): quick checkers; u3 4000 s, 60 actions: power user
		assertThat(engagement.get("patterns").valueStream()
			.map(c -> c.get("name").asString() + "=" + c.get("sessions"))).containsExactly("quick_checker=2",
					"power_user=1", "regular_user=1");
	}

	@Test
	void weeklyUsersAreTheMonthsUsersWithASessionInTheLastSevenDays() {
		// the week is 11-18 .. 11-24, the month 10-26 .. 11-24
		insertSession("u1", Instant.parse("2026-11-06T12:00:00Z"), null, 1, 0, "/", null); // also later: weekly
		insertSession("u5", Instant.parse("2026-11-05T12:00:00Z"), null, 1, 0, "/", null);
		insertSession("u6", Instant.parse("2026-11-18T00:00:00Z"), null, 1, 0, "/", null); // the week's first instant
		insertSession("u7", Instant.parse("2026-11-17T23:59:59Z"), null, 1, 0, "/", null);
		insertSession("u8", Instant.parse("2026-10-25T23:59:59Z"), null, 1, 0, "/", null); // before the month

		JsonNode engagement = this.api.get("/api/v1/insights/engagement" + RANGE).json();

		assertThat(engagement.get("mau").asLong()).as("u1 .. u7").isEqualTo(7);
		assertThat(engagement.get("wau").asLong()).as("u1 .. u4 and u6").isEqualTo(5);
	}

	@Test
	void pastDaysComeFromTheRollupAndTodayIsLive() {
		// Retention deletes 11-20's sessions after the rollup stored the day: the day still counts, as in daily stats.
		this.jdbc.update("DELETE FROM user_sessions WHERE start_time < '2026-11-21'");
		ended("u9", "2026-11-24T10:00:00Z", 20, "/w", "logout", 1); // today, after the rollup

		JsonNode activity = this.api.get("/api/v1/insights/activity" + RANGE).json();
		JsonNode stay = this.api.get("/api/v1/insights/stay" + RANGE).json();
		JsonNode leave = this.api.get("/api/v1/insights/leave" + RANGE).json();

		assertThat(activity.get("sessions").asLong()).isEqualTo(6);
		assertThat(activity.get("byWeekdayAndHour").get(4).get(8).asLong()).as("Friday 08h, stored").isEqualTo(2);
		assertThat(activity.get("byWeekdayAndHour").get(1).get(10).asLong()).as("Tuesday 10h, live").isEqualTo(1);
		// ended durations 10, 20, 45, 600, 4000
		assertThat(stay.get("endedSessions").asLong()).isEqualTo(5);
		assertThat(stay.get("medianSeconds").asLong()).isEqualTo(45);
		assertThat(leave.get("exitReasons").valueStream().map(c -> c.get("name").asString() + "=" + c.get("sessions")))
			.containsExactly("logout=2", "timeout=2", "navigation=1");
		assertThat(leave.get("exitPages").valueStream().map(c -> c.get("name").asString() + "=" + c.get("sessions")))
			.containsExactly("/y=2", "/z=2", "/w=1");
		assertThat(leave.get("abandonedWorkflows").get(0).get("started").asLong()).as("checkout, s1 and s2 stored")
			.isEqualTo(3);
	}

	@Test
	void workflowsCountAliveWhetherTheirSessionsStartIsOnTheRowOrNot() {
		// the hand-built rows leave it NULL (as SQL that does not know the column does); ingestion writes it
		this.jdbc.update("""
				UPDATE workflow_executions w SET session_start = s.start_time FROM user_sessions s
				WHERE s.id = w.session_id AND w.workflow_id = 'checkout'""");
		for (String day : List.of("2026-11-20", "2026-11-21", "2026-11-23")) {
			this.stats.rollup(java.time.LocalDate.parse(day));
		}
		UUID live = ended("u9", "2026-11-24T10:00:00Z", 20, "/w", "logout", 1); // today, read live
		workflow(live, "checkout", false);
		workflow(live, "export", false);
		this.jdbc.update("UPDATE workflow_executions SET session_start = '2026-11-24T10:00:00Z' "
				+ "WHERE session_id = ? AND workflow_id = 'checkout'", live);

		assertThat(this.api.get("/api/v1/insights/leave" + RANGE).json().get("abandonedWorkflows").valueStream()
			.map(w -> w.get("workflowId").asString() + "=" + w.get("abandoned") + "/" + w.get("started")))
			.as("checkout: s1, s2, s4 stored and today's, with it; export: s3 stored and today's, without")
			.containsExactly("checkout=3/4", "export=2/2");
	}

	@Test
	void aWorkflowStartedAgainAfterItCompletedCountsAsAbandonedStoredAndLive() {
		// s2 completed its checkout and started another that did not complete
		this.jdbc.update("UPDATE workflow_executions SET started_at = completed_at + interval '1 minute' "
				+ "WHERE completed_at IS NOT NULL");
		for (String day : List.of("2026-11-20", "2026-11-21", "2026-11-23")) {
			this.stats.rollup(java.time.LocalDate.parse(day));
		}
		UUID live = ended("u9", "2026-11-24T10:00:00Z", 20, "/w", "logout", 1); // today, read live
		this.jdbc.update("INSERT INTO workflow_executions (session_id, workflow_id, started_at, completed_at) "
				+ "VALUES (?, 'export', '2026-11-24T10:00:20Z', '2026-11-24T10:00:10Z')", live);

		assertThat(this.api.get("/api/v1/insights/leave" + RANGE).json().get("abandonedWorkflows").valueStream()
			.map(w -> w.get("workflowId").asString() + "=" + w.get("abandoned") + "/" + w.get("started")))
			.containsExactly("checkout=3/3", "export=2/2");
	}

	@Test
	void aLiveSessionImportedWithoutExitPageOrDurationCountsWithTheOnesItsTimesAndEntryGive() {
		// today, after the rollup: an import's session ended without either, its reason given
		this.jdbc.update("""
				INSERT INTO user_sessions (user_id, start_time, end_time, entry_page, exit_reason, action_count)
				VALUES ('u9', '2026-11-24T10:00:00Z', '2026-11-24T10:00:20Z', '/', 'error', 1)""");

		JsonNode leave = this.api.get("/api/v1/insights/leave" + RANGE).json();
		JsonNode stay = this.api.get("/api/v1/insights/stay" + RANGE).json();

		assertThat(leave.get("exitReasons").valueStream().map(c -> c.get("name").asString() + "=" + c.get("sessions")))
			.containsExactly("timeout=2", "error=1", "logout=1", "navigation=1");
		assertThat(leave.get("exitPages").valueStream().map(c -> c.get("name").asString() + "=" + c.get("sessions")))
			.as("no page view: its entry page").containsExactly("/y=2", "/z=2", "/=1");
		// durations 10, 20, 45, 600, 4000
		assertThat(stay.get("endedSessions").asLong()).isEqualTo(5);
		assertThat(stay.get("medianSeconds").asLong()).isEqualTo(45);
		assertThat(stay.get("buckets").valueStream().mapToLong(b -> b.get("sessions").asLong()).sum()).isEqualTo(5);
	}

	@Test
	void aDayStoredWithoutBreakdownsIsReadLiveUntilTheRollupWritesItAgain() {
		// 11-21 as a rollup before the breakdowns existed left it, and a session added to it since
		this.jdbc.update("UPDATE daily_session_stats SET breakdowns_stored = FALSE WHERE date = '2026-11-21'");
		for (String table : List.of("daily_hours", "daily_durations", "daily_exits", "daily_workflows")) {
			this.jdbc.update("DELETE FROM " + table + " WHERE date = '2026-11-21'");
		}
		ended("u9", "2026-11-21T14:30:00Z", 20, "/w", "logout", 1);

		assertThat(this.api.get("/api/v1/insights/activity" + RANGE).json().get("byWeekdayAndHour").get(5).get(14)
			.asLong()).as("Saturday 14h, live").isEqualTo(2);
		assertThat(this.api.get("/api/v1/insights/leave" + RANGE).json().get("abandonedWorkflows").valueStream()
			.map(w -> w.get("workflowId").asString() + "=" + w.get("abandoned") + "/" + w.get("started")))
			.as("export from 11-21, live; checkout from stored days and live ones").containsExactly("checkout=2/3",
					"export=1/1");

		this.stats.rollupPendingDays();

		assertThat(this.jdbc.queryForObject(
				"SELECT breakdowns_stored FROM daily_session_stats WHERE date = '2026-11-21'", Boolean.class)).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT sessions FROM daily_hours WHERE date = '2026-11-21' AND hour = 14",
				Integer.class)).isEqualTo(2);
		assertThat(this.api.get("/api/v1/insights/stay" + RANGE).json().get("endedSessions").asLong()).isEqualTo(5);
	}

	@Test
	void insightsRefuseAnInvertedRange() {
		assertThat(this.api.get("/api/v1/insights/stay?from=2026-11-24&to=2026-11-20").status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/insights/together?minSupport=2").status()).isEqualTo(400);
	}

	private UUID ended(String user, String start, int seconds, String exit, String reason, int actions) {
		Instant begin = Instant.parse(start);
		UUID id = insertSession(user, begin, begin.plusSeconds(seconds), actions, 0, "/", exit);
		this.jdbc.update("UPDATE user_sessions SET exit_reason = ? WHERE id = ?", reason, id);
		return id;
	}

	private void events(UUID session, String... actions) {
		for (String action : actions) {
			this.jdbc.update("INSERT INTO session_events (id, session_id, timestamp, event_type) "
					+ "SELECT ?, id, start_time, ? FROM user_sessions WHERE id = ?", UUID.randomUUID(), action,
					session);
		}
	}

	private void workflow(UUID session, String workflowId, boolean completed) {
		this.jdbc.update("INSERT INTO workflow_executions (session_id, workflow_id, started_at, completed_at) "
				+ "SELECT id, ?, start_time, CASE WHEN ? THEN start_time END FROM user_sessions WHERE id = ?",
				workflowId, completed, session);
	}

}
