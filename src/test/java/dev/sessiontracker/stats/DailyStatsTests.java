package dev.sessiontracker.stats;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.RowLocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DailyStatsTests extends HttpTest {

	private static final LocalDate DAY = LocalDate.parse("2026-11-20");

	private static final LocalDate T0_DAY = LocalDate.parse("2026-11-24");

	@Autowired
	DailyStatsService stats;

	@Autowired
	DailyStatsRepository repository;

	@Autowired
	StatsProperties properties;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@BeforeEach
	void handBuiltDay() {
		deleteAllSessions();
		// Five sessions start on 2026-11-20 (UTC); one each side of the day does not count.
		insertSession("u1", at("08:00:00"), at("08:00:10"), 1, 0, "/a", "/z"); // bounce, 10 s
		insertSession("u1", at("09:00:00"), at("09:10:00"), 5, 2, "/b", "/y"); // 600 s, errors
		insertSession("u2", at("10:00:00"), at("10:00:20"), 0, 0, "/b", "/z"); // bounce, 20 s
		// crosses midnight
		insertSession("u3", at("23:50:00"), Instant.parse("2026-11-21T00:20:00Z"), 10, 0, "/a", "/y");
		insertSession("u4", at("12:00:00"), null, 3, 0, "/b", "/open"); // still open: no duration, no exit
		insertSession("u5", Instant.parse("2026-11-21T00:10:00Z"), null, 1, 1, "/next", null);
		insertSession("u6", Instant.parse("2026-11-19T23:59:59Z"), null, 1, 1, "/previous", null);
	}

	@Test
	void rollupComputesEveryMetricByTheContractsDefinitions() {
		DailyStats day = this.stats.rollup(DAY);

		assertThat(day.totalSessions()).isEqualTo(5);
		assertThat(day.uniqueUsers()).isEqualTo(4);
		// (10 + 600 + 20 + 1800) / 4 = 607.5, rounded
		assertThat(day.avgDurationSeconds()).isEqualTo(608);
		assertThat(day.bounceRate()).isEqualTo(new BigDecimal("40.00"));
		assertThat(day.errorRate()).isEqualTo(new BigDecimal("20.00"));
		// /b starts three sessions, /a two; exits of ended sessions tie 2:2 between /y and /z
		assertThat(day.mostCommonEntry()).isEqualTo("/b");
		assertThat(day.mostCommonExit()).isEqualTo("/y");
	}

	@Test
	void aDayReadLiveEqualsTheRowItsRollupStores() {
		DailyStats stored = this.stats.rollup(DAY);
		this.jdbc.update("DELETE FROM daily_session_stats WHERE date = ?", DAY);

		assertThat(this.stats.daily(DAY, DAY)).containsExactly(stored);
	}

	@Test
	void aStoredDayImportedWithoutItsRatesIsReadWithRatesOfZero() {
		LocalDate imported = DAY.minusDays(3);
		this.jdbc.update("INSERT INTO daily_session_stats (date, total_sessions) VALUES (?, 7)", imported);

		Api.Response answer = this.api.get("/api/v1/stats/daily?from=" + imported + "&to=" + imported);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get(0).get("totalSessions").asInt()).isEqualTo(7);
		assertThat(answer.json().get(0).get("bounceRate").decimalValue()).isEqualByComparingTo("0.00");
		assertThat(answer.json().get(0).get("errorRate").decimalValue()).isEqualByComparingTo("0.00");
	}

	@Test
	void rollupRunTwiceStoresIdenticalRows() {
		DailyStats first = this.stats.rollup(DAY);
		Map<String, Object> stored = this.jdbc.queryForMap("SELECT * FROM daily_session_stats WHERE date = ?", DAY);

		DailyStats second = this.stats.rollup(DAY);

		assertThat(second).isEqualTo(first);
		assertThat(this.jdbc.queryForMap("SELECT * FROM daily_session_stats WHERE date = ?", DAY)).isEqualTo(stored);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM daily_session_stats", Long.class)).isEqualTo(1);
	}

	@Test
	void twoRollupsOfOneDayTakeTurnsAndStoreItOnce() throws Exception {
		CountDownLatch firstWrote = new CountDownLatch(1);
		CountDownLatch commitFirst = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			// the job's rollup of the day, not committed yet, and a POST of the same day meanwhile
			Future<?> first = threads.submit(() -> new TransactionTemplate(this.transactionManager)
				.executeWithoutResult(status -> {
					this.repository.upsert(DAY, ZoneId.of("UTC"), this.clock.instant());
					firstWrote.countDown();
					await(commitFirst);
				}));
			assertThat(firstWrote.await(30, TimeUnit.SECONDS)).isTrue();
			Future<DailyStats> second = threads.submit(() -> this.stats.rollup(DAY));
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> RowLocks.waiting("%") == 1);

			commitFirst.countDown();

			first.get(30, TimeUnit.SECONDS);
			assertThat(second.get(30, TimeUnit.SECONDS).totalSessions()).isEqualTo(5);
		}
		finally {
			commitFirst.countDown();
			threads.shutdownNow();
		}
		assertThat(rows("SELECT duration_seconds || '=' || sessions FROM daily_durations WHERE date = ? "
				+ "ORDER BY duration_seconds", DAY))
			.containsExactly("10=1", "20=1", "600=1", "1800=1");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aDayIsTheStatsZonesDayEvenWhenDaylightSavingMakesIt25HoursLong() {
		deleteAllSessions();
		// Europe/Berlin leaves summer time on 2026-10-25: that day runs 22:00Z on the 24th to 23:00Z on the 25th.
		insertSession("b1", Instant.parse("2026-10-24T21:59:59Z"), null, 0, 0, "/before", null);
		insertSession("b2", Instant.parse("2026-10-24T22:00:00Z"), null, 0, 0, "/first", null);
		insertSession("b3", Instant.parse("2026-10-25T22:59:59Z"), null, 0, 0, "/last", null);
		insertSession("b4", Instant.parse("2026-10-25T23:00:00Z"), null, 0, 0, "/after", null);
		// 02:30 twice in Berlin: in summer time (00:30Z) and an hour later in winter time (01:30Z)
		insertSession("b5", Instant.parse("2026-10-25T00:30:00Z"), null, 0, 0, "/first", null);
		insertSession("b6", Instant.parse("2026-10-25T01:30:00Z"), null, 0, 0, "/first", null);
		this.clock.set(Instant.parse("2026-11-01T00:00:00Z"));
		StatsProperties inBerlin = new StatsProperties(Duration.ofDays(30), 1000,
				new StatsProperties.Stats(ZoneId.of("Europe/Berlin"), false));
		DailyStatsService berlin = new DailyStatsService(this.repository, inBerlin, this.clock,
				this.transactionManager, new LiveDays(this.repository, inBerlin));

		DailyStats day = berlin.rollup(LocalDate.parse("2026-10-25"));

		assertThat(day.totalSessions()).isEqualTo(4);
		assertThat(day.mostCommonEntry()).isEqualTo("/first");
		// the activity insight's hours: local hours, the one that occurs twice counted as one (as read live)
		assertThat(rows("SELECT hour || '=' || sessions FROM daily_hours WHERE date = '2026-10-25' ORDER BY hour"))
			.containsExactly("0=1", "2=2", "23=1");
	}

	@Test
	void aZoneGivenAsAnOffsetEastOfGreenwichPutsHoursAndAUsersDaysEastOfItAsJavaDoes() {
		deleteAllSessions();
		// PostgreSQL reads 'GMT+05:30' as POSIX, west of Greenwich: these came out at 04 and 14 h before
		insertSession("other", Instant.parse("2026-11-20T10:00:00Z"), null, 0, 0, "/other", null);
		insertSession("late", Instant.parse("2026-11-20T20:00:00Z"), null, 0, 0, "/late", null);
		this.clock.set(Instant.parse("2026-11-24T00:00:00Z"));
		DailyStatsService kolkata = inZone("GMT+05:30");

		kolkata.rollup(LocalDate.parse("2026-11-20"));
		kolkata.rollup(LocalDate.parse("2026-11-21"));

		assertThat(rows("SELECT date || ' ' || hour || '=' || sessions FROM daily_hours "
				+ "WHERE date IN ('2026-11-20', '2026-11-21') ORDER BY date"))
			.containsExactly("2026-11-20 15=1", "2026-11-21 1=1");
		assertThat(this.repository.findDaysOfUser("late", ZoneId.of("GMT+05:30")))
			.containsExactly(LocalDate.parse("2026-11-21"));
		assertThat(this.repository.findDaysOfUser("late", ZoneId.of("+05:30")))
			.containsExactly(LocalDate.parse("2026-11-21"));
		assertThat(this.repository.findDaysOfUser("late", ZoneId.of("Etc/GMT+5")))
			.as("a region id, west of Greenwich as its name says in POSIX").containsExactly(LocalDate.parse("2026-11-20"));
	}

	@Test
	void aDayStoredBeforeItEndedIsComputedAgainByTheNextRunEvenAfterADowntimeOfDays() {
		endOpenSessions();
		this.clock.set(Instant.parse("2026-11-20T10:30:00Z"));
		this.stats.rollupPendingDays(); // today so far
		insertSession("late", at("20:00:00"), at("20:05:00"), 2, 0, "/late", "/late");

		// down from then until three days later: the 20th is neither yesterday nor the day before
		this.clock.set(Instant.parse("2026-11-23T12:00:00Z"));
		this.stats.rollupPendingDays();

		assertThat(storedTotals()).contains("2026-11-20=6 UTC");
		assertThat(this.stats.rollupPendingDays()).as("final now: only yesterday, the day before and today")
			.isEqualTo(3);
	}

	@Test
	void aDayStoredWhileSomeOfItsSessionsWereOpenIsComputedAgainOnceTheyHaveEndedEvenAfterADowntime() {
		this.clock.set(Instant.parse("2026-11-21T01:00:00Z"));
		DailyStats open = this.stats.rollup(DAY); // u4 still open
		this.jdbc.update("UPDATE user_sessions SET end_time = ?, last_seen = ?, duration_seconds = 50400 "
				+ "WHERE user_id = 'u4'", utc(Instant.parse("2026-11-21T02:00:00Z")),
				utc(Instant.parse("2026-11-21T02:00:00Z")));

		this.clock.set(Instant.parse("2026-11-24T12:00:00Z"));
		this.stats.rollupPendingDays();

		DailyStats ended = this.repository.findStored(DAY, DAY).get(0);
		assertThat(ended.avgDurationSeconds()).as("u4's 14 hours counted").isGreaterThan(open.avgDurationSeconds());
		assertThat(this.jdbc.queryForObject("SELECT open_sessions FROM daily_session_stats WHERE date = ?",
				Integer.class, DAY)).isZero();
	}

	@Test
	void fromMidnightUntilTheNextRollupADayStoredBeforeItEndedIsReadLive() {
		this.clock.set(Instant.parse("2026-11-20T23:05:00Z"));
		this.stats.rollup(DAY);
		insertSession("late", at("23:30:00"), at("23:31:00"), 2, 0, "/late", "/late");
		this.clock.set(Instant.parse("2026-11-21T00:01:00Z"));

		JsonNode days = this.api.get("/api/v1/stats/daily?from=2026-11-20&to=2026-11-20").json();

		assertThat(days.get(0).get("totalSessions").asInt()).as("the 23:30 session counted").isEqualTo(6);
		assertThat(storedTotals()).as("stored as it was until the rollup").contains("2026-11-20=5 UTC");
	}

	@Test
	void dailyServesStoredDaysAndComputesTodayLiveWithoutStoringIt() {
		this.stats.rollup(DAY);
		this.jdbc.update("UPDATE daily_session_stats SET total_sessions = 99 WHERE date = ?", DAY);
		startSession("today-1");
		startSession("today-2");

		JsonNode days = this.api.get("/api/v1/stats/daily?from=2026-11-20&to=2026-11-30").json();

		assertThat(days.valueStream().map(d -> d.get("date").asString())).containsExactly("2026-11-20",
				"2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24");
		assertThat(days.get(0).get("totalSessions").asInt()).as("the stored row").isEqualTo(99);
		assertThat(days.get(1).get("totalSessions").asInt()).as("computed for a day not stored").isEqualTo(1);
		assertThat(days.get(4).get("totalSessions").asInt()).as("today, live").isEqualTo(2);
		assertThat(days.get(0).get("bounceRate").decimalValue()).isEqualByComparingTo("40.00");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM daily_session_stats", Long.class)).isEqualTo(1);
	}

	@Test
	void pendingRollupBackfillsEveryMissingDayAndRecentDaysAgainAndTodaySoFar() {
		endOpenSessions(); // a day stored with sessions open is computed again (see below)
		this.stats.rollup(DAY);
		this.jdbc.update("UPDATE daily_session_stats SET total_sessions = 99 WHERE date = ?", DAY);

		long written = this.stats.rollupPendingDays();

		List<LocalDate> stored = this.jdbc.queryForList("SELECT date FROM daily_session_stats ORDER BY date",
				LocalDate.class);
		assertThat(stored).containsExactly(LocalDate.parse("2026-11-19"), DAY, LocalDate.parse("2026-11-21"),
				LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-24"));
		assertThat(written).isEqualTo(5);
		assertThat(this.jdbc.queryForObject("SELECT total_sessions FROM daily_session_stats WHERE date = ?",
				Integer.class, DAY)).as("an existing older day is left as stored").isEqualTo(99);
	}

	@Test
	void afterTheZoneChangesTheRollupJobComputesAgainInTheNewZoneTheStoredDaysWhoseSessionsAreKept() {
		deleteAllSessions();
		// New York is UTC-5 in November: its 2026-11-20 runs from 05:00Z on the 20th to 05:00Z on the 21st.
		insertSession("z1", Instant.parse("2026-11-20T03:00:00Z"), null, 1, 0, "/a", null); // NY: the 19th
		insertSession("z2", Instant.parse("2026-11-20T12:00:00Z"), null, 1, 0, "/b", null);
		insertSession("z3", Instant.parse("2026-11-21T02:00:00Z"), null, 1, 0, "/c", null); // NY: the 20th
		insertSession("z4", Instant.parse("2026-11-21T03:00:00Z"), null, 1, 0, "/c", null); // NY: the 20th
		// Retention (P30D) keeps every session started since 2026-10-25T10:00Z: the 25th is the edge, in both zones.
		storedDay("2026-10-10", 7, "UTC");
		storedDay("2026-10-25", 6, "UTC");
		storedDay("2026-10-26", 5, "UTC");
		endOpenSessions(); // a day stored with sessions open is computed again (see below)
		this.stats.rollupPendingDays();
		assertThat(storedTotals()).containsExactly("2026-10-10=7 UTC", "2026-10-25=6 UTC", "2026-10-26=5 UTC",
				"2026-11-20=2 UTC", "2026-11-21=2 UTC", "2026-11-22=0 UTC", "2026-11-23=0 UTC", "2026-11-24=0 UTC");

		long written = inZone("America/New_York").rollupPendingDays();

		assertThat(storedTotals()).containsExactly("2026-10-10=7 UTC", "2026-10-25=6 UTC",
				"2026-10-26=0 America/New_York", "2026-11-19=1 America/New_York", "2026-11-20=3 America/New_York",
				"2026-11-21=0 America/New_York", "2026-11-22=0 America/New_York", "2026-11-23=0 America/New_York",
				"2026-11-24=0 America/New_York");
		assertThat(written).as("the 19th, new; five days of UTC; today").isEqualTo(7);
		assertThat(rows("SELECT hour || '=' || sessions FROM daily_hours WHERE date = '2026-11-20' ORDER BY hour"))
			.as("the day's breakdowns, in New York's hours").containsExactly("7=1", "21=1", "22=1");
		assertThat(rows("SELECT hour || '=' || sessions FROM daily_hours WHERE date = '2026-11-21'"))
			.as("the UTC day's hours are gone with its row").isEmpty();

		this.jdbc.update("UPDATE daily_session_stats SET total_sessions = 99 WHERE date = '2026-11-20'");
		assertThat(inZone("America/New_York").rollupPendingDays()).as("yesterday, the day before, today").isEqualTo(3);
		assertThat(storedTotals()).contains("2026-11-20=99 America/New_York");
	}

	@Test
	void aDayStoredBeforeItsZoneWasRecordedIsComputedAgainWhileItsSessionsAreKept() {
		deleteAllSessions();
		storedDay("2026-10-25", 6, null);
		storedDay("2026-10-26", 5, null);
		storedDay("2026-11-20", 4, null);

		assertThat(this.stats.rollupPendingDays()).isEqualTo(5);

		assertThat(storedTotals()).containsExactly("2026-10-25=6 null", "2026-10-26=0 UTC", "2026-11-20=0 UTC",
				"2026-11-22=0 UTC", "2026-11-23=0 UTC", "2026-11-24=0 UTC");
	}

	@Test
	void oneRunComputesAgainTheNewestDaysOfAnotherZoneUpToItsBoundAndTheNextRunTheRest() {
		deleteAllSessions();
		DailyStatsService longRetention = new DailyStatsService(this.repository,
				new StatsProperties(Duration.ofDays(90), 1000, new StatsProperties.Stats(ZoneId.of("UTC"), false)),
				this.clock, this.transactionManager, new LiveDays(this.repository, this.properties));
		int otherZoneDays = DailyStatsService.OTHER_ZONE_DAYS_PER_RUN + 9;
		for (int i = 3; i < 3 + otherZoneDays; i++) {
			storedDay(T0_DAY.minusDays(i).toString(), 1, "Europe/Berlin");
		}

		assertThat(longRetention.rollupPendingDays()).isEqualTo(DailyStatsService.OTHER_ZONE_DAYS_PER_RUN + 3);
		assertThat(this.jdbc.queryForObject("SELECT max(date) FROM daily_session_stats WHERE zone = 'Europe/Berlin'",
				LocalDate.class)).as("the oldest are left for the next run").isEqualTo(T0_DAY.minusDays(34));

		assertThat(longRetention.rollupPendingDays()).isEqualTo(9 + 3);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM daily_session_stats WHERE zone <> 'UTC'",
				Long.class)).isZero();
	}

	private DailyStatsService inZone(String zone) {
		StatsProperties properties = new StatsProperties(Duration.ofDays(30), 1000,
				new StatsProperties.Stats(ZoneId.of(zone), false));
		return new DailyStatsService(this.repository, properties, this.clock, this.transactionManager,
				new LiveDays(this.repository, properties));
	}

	/** A day's row as a rollup of an earlier version, an import or another zone left it. */
	private void storedDay(String date, int totalSessions, String zone) {
		this.jdbc.update("""
				INSERT INTO daily_session_stats (date, total_sessions, unique_users, bounce_rate, error_rate,
				    breakdowns_stored, zone)
				VALUES (?, ?, ?, 0, 0, TRUE, ?)""", LocalDate.parse(date), totalSessions, totalSessions, zone);
	}

	/** Ends every open session a minute after its start. */
	private void endOpenSessions() {
		this.jdbc.update("UPDATE user_sessions SET end_time = start_time + interval '1 minute', duration_seconds = 60 "
				+ "WHERE end_time IS NULL");
	}

	private List<String> storedTotals() {
		return rows("SELECT date || '=' || total_sessions || ' ' || COALESCE(zone, 'null') FROM daily_session_stats "
				+ "ORDER BY date");
	}

	@Test
	void theRollupJobFirstGivesWorkflowRowsWithoutTheirSessionsStartThatStartChunkAfterChunk() {
		// More rows than a chunk, as V9 found them or an import writes them; and one whose session is gone.
		UUID session = insertSession("u7", at("15:00:00"), at("15:30:00"), 2, 0, "/a", "/z");
		this.jdbc.update("""
				INSERT INTO workflow_executions (session_id, workflow_id, started_at)
				SELECT ?, 'w' || n, ? FROM generate_series(1, ?) n""", session, utc(at("15:01:00")),
				DailyStatsService.WORKFLOW_CHUNK + 1);
		this.jdbc.update("INSERT INTO workflow_executions (session_id, workflow_id) VALUES (?, 'orphan')",
				UUID.randomUUID());

		this.stats.rollupPendingDays();

		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM workflow_executions w JOIN user_sessions s ON s.id = w.session_id
				WHERE w.session_start = s.start_time""", Long.class)).isEqualTo(DailyStatsService.WORKFLOW_CHUNK + 1);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM workflow_executions WHERE session_start IS NULL AND workflow_id = 'orphan'",
				Long.class)).as("a row without a session has no start to take").isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT sum(started) FROM daily_workflows WHERE date = ?", Long.class,
				DAY)).as("the day counts them").isEqualTo(DailyStatsService.WORKFLOW_CHUNK + 1);
	}

	@Test
	void theFillSkipsAWorkflowRowAnotherTransactionHoldsAndFillsItOnTheNextRun() throws Exception {
		UUID session = insertSession("u8", at("16:00:00"), at("16:10:00"), 2, 0, "/a", "/z");
		this.jdbc.update("""
				INSERT INTO workflow_executions (session_id, workflow_id, started_at)
				VALUES (?, 'held', ?), (?, 'free', ?)""", session, utc(at("16:01:00")), session, utc(at("16:02:00")));
		try (Connection writer = this.dataSource.getConnection()) {
			writer.setAutoCommit(false);
			try (PreparedStatement lock = writer
				.prepareStatement("SELECT 1 FROM workflow_executions WHERE workflow_id = 'held' FOR UPDATE")) {
				lock.executeQuery();
			}

			assertTimeoutPreemptively(Duration.ofSeconds(30), this.stats::rollupPendingDays,
					"the job waited for the row another transaction holds");

			assertThat(sessionStartOf("held")).isNull();
			assertThat(sessionStartOf("free")).isEqualTo(at("16:00:00"));
			writer.rollback();
		}
		this.stats.rollupPendingDays();
		assertThat(sessionStartOf("held")).isEqualTo(at("16:00:00"));
	}

	private Instant sessionStartOf(String workflowId) {
		java.time.OffsetDateTime start = this.jdbc.queryForObject(
				"SELECT session_start FROM workflow_executions WHERE workflow_id = ?", java.time.OffsetDateTime.class,
				workflowId);
		return start == null ? null : start.toInstant();
	}

	@Test
	void rollupEndpointRecomputesADayAndRefusesFutureAndExpiredDays() {
		Api.Response rollup = this.api.post("/api/v1/stats/daily/2026-11-20/rollup", null);
		Api.Response future = this.api.post("/api/v1/stats/daily/2026-11-25/rollup", null);
		Api.Response expired = this.api.post("/api/v1/stats/daily/2026-10-25/rollup", null);
		Api.Response malformed = this.api.post("/api/v1/stats/daily/20-11-2026/rollup", null);

		assertThat(rollup.status()).isEqualTo(200);
		assertThat(rollup.json().get("mostCommonEntry").asString()).isEqualTo("/b");
		assertThat(future.status()).isEqualTo(409);
		assertThat(future.text("type")).endsWith("/day-not-rollable");
		assertThat(expired.status()).isEqualTo(409);
		assertThat(expired.text("detail")).contains("beyond the retention of P30D and has neither sessions nor a "
				+ "stored row");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.text("field")).isEqualTo("date");
	}

	@Test
	void aDayBeyondTheRetentionIsComputedFromTheSessionsItHoldsUnlessRetentionTookSomeItsRowCounted() {
		String expired = "/api/v1/stats/daily/2026-10-20/rollup";
		insertSession("old-1", Instant.parse("2026-10-20T08:00:00Z"), Instant.parse("2026-10-20T08:10:00Z"), 3, 0,
				"/a", "logout");
		insertSession("old-2", Instant.parse("2026-10-20T09:00:00Z"), Instant.parse("2026-10-20T09:20:00Z"), 5, 1,
				"/b", "logout");

		assertThat(this.api.post(expired, null).json().get("totalSessions").asInt()).as("imported, then rolled up")
			.isEqualTo(2);
		insertSession("old-3", Instant.parse("2026-10-20T10:00:00Z"), Instant.parse("2026-10-20T10:01:00Z"), 1, 0,
				"/c", "logout");
		assertThat(this.api.post(expired, null).json().get("totalSessions").asInt()).as("more imported").isEqualTo(3);

		this.jdbc.update("DELETE FROM user_sessions WHERE user_id IN ('old-1', 'old-2')"); // as retention does
		Api.Response kept = this.api.post(expired, null);

		assertThat(kept.status()).isEqualTo(200);
		assertThat(kept.json().get("totalSessions").asInt()).as("the row of the whole day, kept").isEqualTo(3);
		assertThat(this.api.get("/api/v1/stats/daily?from=2026-10-20&to=2026-10-20").json().get(0).get("totalSessions")
			.asInt()).isEqualTo(3);
	}

	@Test
	void dailyRejectsAnInvertedOrTooLongRange() {
		assertThat(this.api.get("/api/v1/stats/daily?from=2026-11-20&to=2026-11-19").text("field")).isEqualTo("from");
		assertThat(this.api.get("/api/v1/stats/daily?from=2024-01-01&to=2026-11-19").status()).isEqualTo(400);
		Api.Response unparseable = this.api.get("/api/v1/stats/daily?from=yesterday");
		assertThat(unparseable.status()).isEqualTo(400);
		assertThat(unparseable.text("field")).isEqualTo("from");
		assertThat(unparseable.body()).contains("invalid value 'yesterday'").doesNotContain("java.");
	}

	@Test
	void coUsageIsTheSameWhetherASessionsActionsWereKeptByIngestionOrReadFromItsEvents() {
		LocalDate today = LocalDate.parse("2026-11-24");
		String tracked = startSession("c1");
		sendEvents(tracked, "search", "view", "search");
		sendEvents(tracked, "view", "Zoom"); // upper case sorts first in code-point order
		String replayed = startSession("c2");
		String batch = batch("view", "buy");
		this.api.post("/api/v1/sessions/" + replayed + "/events", batch);
		this.api.post("/api/v1/sessions/" + replayed + "/events", batch);
		startSession("c3"); // no events
		UUID imported = insertSession("c4", T0, null, 1, 0, "/", null);
		this.jdbc.update("INSERT INTO session_events (id, session_id, timestamp, event_type) VALUES (?, ?, ?, 'buy')",
				UUID.randomUUID(), imported, utc(T0));
		sendEvents(imported.toString(), "search"); // its actions are not kept: the rollup reads its events

		this.stats.rollup(today);

		assertThat(rows("SELECT action_types::text FROM user_sessions WHERE user_id LIKE 'c_' ORDER BY user_id"))
			.containsExactly("{Zoom,search,view}", "{buy,view}", "{}", null);
		assertThat(rows("SELECT action || '=' || sessions FROM daily_action_usage WHERE date = ? "
				+ "ORDER BY action COLLATE \"C\"", today))
			.containsExactly("Zoom=1", "buy=2", "search=2", "view=2");
		assertThat(rows("SELECT action_a || '+' || action_b || '=' || sessions FROM daily_action_pairs WHERE date = ? "
				+ "ORDER BY action_a COLLATE \"C\", action_b COLLATE \"C\"", today))
			.containsExactly("Zoom+search=1", "Zoom+view=1", "buy+search=1", "buy+view=1", "search+view=1")
			.isEqualTo(rows("""
					WITH used AS (SELECT DISTINCT session_id, event_type::text COLLATE "C" AS action
					              FROM session_events)
					SELECT a.action || '+' || b.action || '=' || count(*) FROM used a JOIN used b
					    ON a.session_id = b.session_id AND a.action < b.action
					GROUP BY a.action, b.action ORDER BY a.action, b.action"""));
	}

	private void sendEvents(String session, String... actions) {
		assertThat(this.api.post("/api/v1/sessions/" + session + "/events", batch(actions)).status()).isEqualTo(202);
	}

	private static String batch(String... actions) {
		return Api.json(Map.of("events",
				Arrays.stream(actions).map(a -> Map.of("id", UUID.randomUUID().toString(), "action", a)).toList()));
	}

	private List<String> rows(String sql, Object... args) {
		return this.jdbc.queryForList(sql, String.class, args);
	}

	private static Instant at(String time) {
		return Instant.parse(DAY + "T" + time + "Z");
	}

}
