package dev.sessiontracker.pattern;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.RowLocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PatternHttpTests extends HttpTest {

	@Autowired
	UserPatternRefresher refresher;

	@Test
	void aUserWithoutSessionsIsANewUserWithFullConfidence() {
		JsonNode pattern = this.api.get("/api/v1/sessions/patterns/nobody-at-all").json();

		assertThat(pattern.get("userId").asString()).isEqualTo("nobody-at-all");
		assertThat(pattern.get("pattern").asString()).isEqualTo("new_user");
		assertThat(pattern.get("sessionsAnalyzed").asInt()).isZero();
		assertThat(pattern.get("confidence").asDouble()).isEqualTo(1.0);
	}

	@Test
	void longIntenseSessionsMakeAPowerUserWithIndicators() {
		for (int i = 0; i < 4; i++) {
			Instant start = T0.minus(Duration.ofDays(i + 1));
			insertSession("power", start, start.plusSeconds(2400), 60, 0, "/", "/");
		}

		JsonNode pattern = this.api.get("/api/v1/sessions/patterns/power").json();

		assertThat(pattern.get("pattern").asString()).isEqualTo("power_user");
		assertThat(pattern.get("sessionsAnalyzed").asInt()).isEqualTo(4);
		assertThat(pattern.get("avgDuration").isIntegralNumber()).as("whole seconds").isTrue();
		assertThat(pattern.get("avgDuration").asLong()).isEqualTo(2400);
		assertThat(pattern.get("avgActions").asDouble()).isEqualTo(60.0);
		assertThat(pattern.get("confidence").asDouble()).isBetween(0.0, 1.0);
		assertThat(pattern.get("indicators").valueStream().map(JsonNode::asString))
			.anyMatch(i -> i.contains("2400") && i.contains("1800"));
	}

	@Test
	void anEndedSessionIsClassifiedFromItsOwnEventsAndAnOpenOneIs409() {
		String id = startSession("focused");
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events", List.of(
				Map.of("action", "page_view", "data", Map.of("page", "/cart")),
				Map.of("action", "workflow_start", "data", Map.of("workflowId", "checkout")),
				Map.of("action", "page_view", "data", Map.of("page", "/pay")),
				Map.of("action", "workflow_complete", "data", Map.of("workflowId", "checkout"))))));

		Api.Response open = this.api.get("/api/v1/sessions/" + id + "/pattern");
		this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")));
		JsonNode pattern = this.api.get("/api/v1/sessions/" + id + "/pattern").json();

		assertThat(open.status()).isEqualTo(409);
		assertThat(open.text("type")).endsWith("/session-open");
		assertThat(pattern.get("type").asString()).isEqualTo("task_focused");
		assertThat(pattern.get("indicators").size()).isPositive();
		assertThat(this.api.get("/api/v1/sessions/0193a8d2-0000-7000-8000-000000000000/pattern").status())
			.isEqualTo(404);
	}

	@Test
	void theRefreshJobStoresWhatThePatternEndpointAnswers() {
		deleteAllSessions();
		Instant recent = T0.minus(Duration.ofHours(2));
		// 20 short sessions, and before them 5 long busy ones that would make a power user if the window let them in
		for (int i = 0; i < 25; i++) {
			Instant start = recent.minus(Duration.ofHours(i));
			insertSession("windowed", start, start.plusSeconds(i < 20 ? 60 : 100_000), i < 20 ? 2 : 500, 0, "/", "/");
		}
		// the most recent session is open (0 s) and has the errors that count
		insertSession("struggling", recent.minusSeconds(3_600), recent.minusSeconds(2_700), 10, 0, "/", "/");
		insertSession("struggling", recent, null, 3, 9, "/", "/");
		// two sessions started at the same instant: both paths take the same one as the most recent
		insertSession("tied", recent, recent.plusSeconds(600), 5, 0, "/", "/");
		insertSession("tied", recent, recent.plusSeconds(600), 5, 8, "/", "/");
		// an import's negative duration counts as 0
		insertSession("skewed", recent, recent.minusSeconds(50), 1, 0, "/", "/");
		insertSession("skewed", recent.minusSeconds(10), recent.plusSeconds(400), 4, 0, "/", "/");

		this.refresher.refreshUserPatterns();

		Map<String, Map<String, Object>> stored = new HashMap<>();
		this.jdbc.queryForList("SELECT user_id, pattern, confidence, last_session_start FROM user_patterns")
			.forEach(row -> stored.put((String) row.get("user_id"), row));
		assertThat(stored).containsOnlyKeys("windowed", "struggling", "tied", "skewed");
		stored.forEach((user, row) -> {
			JsonNode answer = this.api.get("/api/v1/sessions/patterns/" + user).json();
			assertThat(row.get("pattern")).as(user).isEqualTo(answer.get("pattern").asString());
			assertThat(((BigDecimal) row.get("confidence")).doubleValue()).as(user)
				.isEqualTo(answer.get("confidence").asDouble());
		});
		assertThat(stored.get("windowed").get("pattern")).isEqualTo("quick_checker");
		assertThat(stored.get("struggling").get("pattern")).isEqualTo("struggling_user");
		assertThat(stored.get("skewed").get("pattern")).isEqualTo("quick_checker");
		assertThat(stored.get("windowed").get("last_session_start")).isEqualTo(Timestamp.from(recent));
	}

	@Test
	void theRefreshJobRewritesOnlyTheUsersWhosePatternChanged() {
		deleteAllSessions();
		Instant start = T0.minus(Duration.ofHours(3));
		insertSession("steady", start, start.plusSeconds(20), 1, 0, "/", "/");
		insertSession("changing", start, start.plusSeconds(20), 1, 0, "/", "/");
		this.refresher.refreshUserPatterns();

		this.clock.set(T0.plus(Duration.ofHours(1)));
		insertSession("changing", T0, T0.plusSeconds(5_000), 80, 0, "/", "/");
		this.refresher.refreshUserPatterns();

		assertThat(this.jdbc.queryForList("""
				SELECT user_id || '=' || pattern || ' since ' || to_char(last_session_start AT TIME ZONE 'UTC', 'HH24:MI')
				       || ', computed ' || to_char(computed_at AT TIME ZONE 'UTC', 'HH24:MI')
				FROM user_patterns ORDER BY user_id""", String.class))
			.containsExactly("changing=regular_user since 10:00, computed 11:00",
					"steady=quick_checker since 07:00, computed 10:00");
	}

	@Test
	void theRefreshJobStoresThePatternOfEveryRecentlyActiveUser() {
		deleteAllSessions();
		insertSession("quick", T0.minus(Duration.ofHours(3)), T0.minus(Duration.ofHours(3)).plusSeconds(20), 1, 0,
				"/", "/");
		insertSession("old", T0.minus(Duration.ofDays(5)), T0.minus(Duration.ofDays(5)).plusSeconds(20), 1, 0, "/",
				"/");

		this.refresher.refreshUserPatterns();

		assertThat(this.jdbc.queryForList("SELECT user_id || '=' || pattern FROM user_patterns", String.class))
			.containsExactly("quick=quick_checker");
	}

	@Test
	void theHourlyRunReReadsOnlyTheUsersWhoseSessionsMayHaveChanged() {
		deleteAllSessions();
		Instant start = T0.minus(Duration.ofHours(3));
		insertSession("settled", start, start.plusSeconds(20), 1, 0, "/", "/");
		// open since yesterday and still heartbeating: 0 s while open
		UUID lingering = insertSession("lingering", T0.minus(Duration.ofDays(1)), null, 1, 0, "/", "/");
		this.jdbc.update("UPDATE user_sessions SET last_seen = ? WHERE id = ?", utc(T0), lingering);
		assertThat(runPatternJob()).as("the first run reads every user active in two days").isEqualTo(2);

		this.clock.set(T0.plus(Duration.ofHours(1)));
		// rewritten by SQL, as an import would: no run but a full one looks at it again
		this.jdbc.update("UPDATE user_sessions SET duration_seconds = 5000, action_count = 80 WHERE user_id = ?",
				"settled");
		// the sweep ends the long session, which started long before the last run: a day of it now counts
		assertThat(runJob("idle-session-closer")).isEqualTo(1);
		startSession("newcomer");

		assertThat(runPatternJob()).as("the new user and the one whose open session ended").isEqualTo(2);
		assertThat(storedPatterns()).containsExactly("lingering=regular_user", "newcomer=quick_checker",
				"settled=quick_checker");

		this.clock.set(T0.plus(Duration.ofDays(1)).plusSeconds(1));
		assertThat(runPatternJob()).as("a day after the last full run, every user active in two days again")
			.isEqualTo(2);
		assertThat(storedPatterns()).containsExactly("lingering=regular_user", "newcomer=quick_checker",
				"settled=power_user");
	}

	@Test
	void aRunWithOtherThresholdsReReadsEveryRecentUser() {
		storeThenRewriteBySql("settled");
		this.clock.set(T0.plus(Duration.ofHours(1)));
		assertThat(runPatternJob()).as("nothing changed through the API").isZero();

		this.jdbc.update("UPDATE user_pattern_refresh SET settings = 'the thresholds before a restart'");
		this.clock.set(T0.plus(Duration.ofHours(2)));

		assertThat(runPatternJob()).isEqualTo(1);
		assertThat(storedPatterns()).containsExactly("settled=power_user");
	}

	@Test
	void aRunForgetsThePatternsOfUsersWhoseSessionsRetentionRemoved() {
		deleteAllSessions();
		Instant start = T0.minus(Duration.ofHours(3));
		insertSession("left", start, start.plusSeconds(20), 1, 0, "/", "/");
		// stored with an open session: while its row stays, every run reads this user again
		insertSession("open-when-removed", start, null, 1, 0, "/", "/");
		insertSession("back", start, start.plusSeconds(20), 1, 0, "/", "/");
		assertThat(runPatternJob()).isEqualTo(3);

		this.clock.set(start.plus(Duration.ofDays(30)).plusSeconds(1));
		Instant again = this.clock.instant().minus(Duration.ofHours(1));
		insertSession("back", again, again.plusSeconds(5_000), 80, 0, "/", "/");
		assertThat(runJob("retention")).isEqualTo(3);

		assertThat(runPatternJob()).as("only the user with a session left").isEqualTo(1);
		assertThat(storedPatterns()).containsExactly("back=power_user");
	}

	@Test
	void aRunReReadsAUserWhoseEarliestRecentSessionsRetentionRemoved() {
		deleteAllSessions();
		Instant start = T0.minus(Duration.ofHours(3));
		insertSession("partly", start, start.plusSeconds(5_000), 120, 0, "/", "/");
		this.clock.set(start.plus(Duration.ofDays(10)).plusSeconds(3_600));
		Instant later = start.plus(Duration.ofDays(10));
		insertSession("partly", later, later.plusSeconds(20), 1, 0, "/", "/");
		runPatternJob();
		assertThat(storedPatterns()).as("averaged over both sessions").containsExactly("partly=power_user");

		// retention removes the busy session; the short one, older than the look-back of a full run, stays
		this.clock.set(start.plus(Duration.ofDays(30)).plusSeconds(1));
		assertThat(runJob("retention")).isEqualTo(1);

		assertThat(runPatternJob()).isEqualTo(1);
		assertThat(storedPatterns()).as("what the pattern endpoint answers now")
			.containsExactly("partly=quick_checker");
		assertThat(this.api.get("/api/v1/sessions/patterns/partly").json().get("pattern").asString())
			.isEqualTo("quick_checker");
		this.clock.set(this.clock.instant().plus(Duration.ofHours(1)));
		assertThat(runPatternJob()).as("the next hourly run").isZero();
	}

	@Test
	void aPatternStoredWithoutItsEarliestSessionIsReReadOnce() {
		storeThenRewriteBySql("upgraded");
		// as V8 leaves the rows stored before it
		this.jdbc.update("UPDATE user_patterns SET first_session_start = NULL");

		this.clock.set(T0.plus(Duration.ofHours(1)));
		assertThat(runPatternJob()).isEqualTo(1);
		assertThat(storedPatterns()).containsExactly("upgraded=power_user");
		this.clock.set(T0.plus(Duration.ofHours(2)));
		assertThat(runPatternJob()).isZero();
	}

	@Test
	void aChunkStoredAfterAnErasureStoresNoPatternForTheErasedUser() throws Exception {
		deleteAllSessions();
		Instant start = T0.minus(Duration.ofHours(3));
		insertSession("erased", start, start.plusSeconds(20), 1, 0, "/", "/");
		insertSession("kept", start, start.plusSeconds(20), 1, 0, "/", "/");
		CompletableFuture<Long> run;
		try (Connection erasure = RowLocks.open()) {
			// what an erasure holds while it deletes: the patterns' write lock, shared
			lockWrites(erasure, "SELECT pg_advisory_xact_lock_shared(?)");
			run = CompletableFuture.supplyAsync(this::runPatternJob);
			// the run has read both users' sessions and waits to store their patterns
			await().atMost(Duration.ofSeconds(10))
				.until(() -> RowLocks.waiting("%pg_advisory_xact_lock(%"), n -> n == 1);
			erasure.createStatement().executeUpdate("DELETE FROM user_sessions WHERE user_id = 'erased'");
			// and the user came back before the run stored anything: a session, but not one the run read
			insertSession("erased", T0.minus(Duration.ofHours(1)), null, 1, 0, "/", "/");
			erasure.commit();
		}

		assertThat(run.get(10, TimeUnit.SECONDS)).as("classified from what the run read").isEqualTo(2);
		assertThat(storedPatterns()).containsExactly("kept=quick_checker");
	}

	@Test
	void anErasureWaitsForAChunkOfPatternsBeingStoredSoThatNoPatternOfTheUserOutlivesIt() throws Exception {
		startSession("erased-while-stored");
		CompletableFuture<Api.Response> erasure;
		try (Connection chunk = RowLocks.open()) {
			// what a chunk of the job holds until it commits: the write lock, and the user's pattern stored
			lockWrites(chunk, "SELECT pg_advisory_xact_lock(?)");
			chunk.createStatement()
				.executeUpdate("INSERT INTO user_patterns (user_id, pattern, confidence, last_session_start, "
						+ "computed_at) VALUES ('erased-while-stored', 'quick_checker', 0.5, now(), now())");
			erasure = CompletableFuture.supplyAsync(() -> this.api.delete("/api/v1/users/erased-while-stored"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> RowLocks.waiting("%pg_advisory_xact_lock_shared(%"), n -> n == 1);
			chunk.commit();
		}

		assertThat(erasure.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(this.jdbc.queryForList("""
				SELECT 'pattern' FROM user_patterns WHERE user_id = 'erased-while-stored'
				UNION ALL SELECT 'session' FROM user_sessions WHERE user_id = 'erased-while-stored'""", String.class))
			.as("what is left of the user")
			.isEmpty();
	}

	private static void lockWrites(Connection connection, String lock) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement(lock)) {
			statement.setLong(1, PatternService.WRITE_LOCK);
			statement.executeQuery();
		}
	}

	/**
	 * Stores the pattern of a user with one short session (a quick checker), then rewrites that session by SQL into
	 * a power user's, as an import would: only a run that re-reads the user sees it.
	 */
	private void storeThenRewriteBySql(String userId) {
		deleteAllSessions();
		Instant start = T0.minus(Duration.ofHours(3));
		insertSession(userId, start, start.plusSeconds(20), 1, 0, "/", "/");
		runPatternJob();
		this.jdbc.update("UPDATE user_sessions SET duration_seconds = 5000, action_count = 80 WHERE user_id = ?",
				userId);
	}

	private long runPatternJob() {
		return runJob("user-patterns");
	}

	/** Runs a scheduled job now, through the jobs endpoint; the rows it did. */
	private long runJob(String name) {
		Api.Response run = this.api.post("/api/v1/jobs/" + name, null);
		assertThat(run.status()).isEqualTo(200);
		return run.json().get("rows").asLong();
	}

	private List<String> storedPatterns() {
		return this.jdbc.queryForList("SELECT user_id || '=' || pattern FROM user_patterns ORDER BY user_id",
				String.class);
	}

}
