package dev.sessiontracker.support;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the full HTTP tests: the real application on a random port, on the real test PostgreSQL, with a clock
 * the test controls. All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Limits are off here so that tests of other things never meet them; subclasses turn single ones back on.
@TestPropertySource(properties = { "tracker.scheduling.enabled=false", "tracker.security.read-key=" + HttpTest.READ_KEY,
		"tracker.security.allowed-origins=" + HttpTest.ALLOWED_ORIGIN, "tracker.security.wrong-keys-per-minute=0",
		"tracker.limits.per-client-rate=0", "tracker.limits.global-rate=0",
		"tracker.limits.new-user-agents-per-client=0", "tracker.limits.max-active-sessions-per-user=100000",
		"tracker.scheduling.lock-at-least-for=PT0S", "spring.cache.type=none",
		"tracker.session.active-refresh=PT0S" })
@Import(TestClockConfiguration.class)
public abstract class HttpTest {

	protected static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	protected static final String READ_KEY = "test-read-key";

	protected static final String ALLOWED_ORIGIN = "https://app.example.com";

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected JdbcTemplate jdbc;

	protected Api api;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase db = TestDatabase.get();
		registry.add("spring.datasource.url", db::jdbcUrl);
		registry.add("spring.datasource.username", db::username);
		registry.add("spring.datasource.password", db::password);
	}

	@BeforeEach
	void setUpHttp() {
		this.api = new Api(this.port, READ_KEY);
		this.clock.set(T0);
	}

	protected void deleteAllSessions() {
		this.jdbc.execute("TRUNCATE user_sessions, session_events, workflow_executions, daily_session_stats, "
				+ "daily_action_usage, daily_action_pairs, daily_hours, daily_durations, daily_exits, daily_workflows, "
				+ "user_patterns");
		this.jdbc.update("UPDATE user_pattern_refresh SET settings = ''"); // the next user-pattern run is a full one
	}

	/**
	 * Inserts a session row directly, as an import would, for jobs and statistics tests. One without an end is open:
	 * seen now (or at its start, if later), so that it has not timed out at the test clock's time.
	 */
	protected java.util.UUID insertSession(String userId, Instant start, Instant end, int actions, int errors,
			String entryPage, String exitPage) {
		java.util.UUID id = java.util.UUID.randomUUID();
		Instant now = this.clock.instant();
		Instant lastSeen = end != null ? end : (start.isAfter(now) ? start : now);
		this.jdbc.update("""
				INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, duration_seconds,
				    action_count, error_count, entry_page, exit_page, exit_reason)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, userId, utc(start), utc(lastSeen),
				utc(end), end == null ? null : (int) java.time.Duration.between(start, end).toSeconds(), actions,
				errors, entryPage, exitPage, end == null ? null : "navigation");
		return id;
	}

	protected static java.time.OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
	}

	/** Starts a session for the user and returns its id. */
	protected String startSession(String userId) {
		Api.Response response = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", userId)));
		if (response.status() != 201) {
			throw new AssertionError("start failed: " + response.status() + " " + response.body());
		}
		return response.text("id");
	}

}
