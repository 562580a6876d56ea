package dev.sessiontracker.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, several threads each, firing event batches (some replayed), heartbeats, ends and
 * idle sweeps at the same sessions while the sessions time out under them. Triggers record any update of an ended
 * session and any event inserted into one; afterwards every acknowledged event is stored once and counters match.
 */
class TwoInstanceRaceTests {

	private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	// Every read of the shared clock moves it a millisecond: each "now" is unique and later reads are later.
	private static final Duration TICK = Duration.ofMillis(1);

	// About 60 clock reads without activity and a session has timed out: many do while others write to them.
	private static final Duration IDLE_TIMEOUT = Duration.ofMillis(60);

	private static final int ROUNDS = 5;

	private static final int SESSIONS_PER_ROUND = 10;

	private static final int WORKERS_PER_INSTANCE = 3;

	private static final int OPS_PER_WORKER = 50;

	private static final int BATCH = 3;

	private final TickingClock clock = new TickingClock(T0, TICK);

	private final Queue<String> failures = new ConcurrentLinkedQueue<>();

	private final Map<UUID, Set<UUID>> acknowledged = new ConcurrentHashMap<>();

	private final Map<UUID, List<List<UUID>>> sentBatches = new ConcurrentHashMap<>();

	private final Map<UUID, Queue<JsonNode>> endAnswers = new ConcurrentHashMap<>();

	private final Map<UUID, Queue<Instant>> heartbeatAnswers = new ConcurrentHashMap<>();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final LongAdder swept = new LongAdder();

	@Test
	void endsEventsHeartbeatsAndSweepsRacingOnTwoInstancesKeepCountersExactAndEndEachSessionOnce() throws Exception {
		String url = TestDatabase.get().createDatabase("two_instance_race");
		try (ConfigurableApplicationContext a = start(url); ConfigurableApplicationContext b = start(url)) {
			JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
			installObservers(jdbc);
			List<Instance> instances = List.of(new Instance(a), new Instance(b));

			for (int round = 0; round < ROUNDS; round++) {
				List<UUID> sessions = new ArrayList<>();
				for (int i = 0; i < SESSIONS_PER_ROUND; i++) {
					sessions.add(instances.get(i % 2).start("race-" + round + "-" + i));
				}
				runRound(instances, sessions, round);
			}
			swept.add(instances.get(0).sessions.closeIdleBefore(this.clock.instant().plus(Duration.ofHours(1))));

			assertThat(this.failures).as("answers other than 2xx/409, or exceptions").isEmpty();
			assertThat(jdbc.queryForList("SELECT session_id || ' ' || what FROM race_violations", String.class))
				.as("an ended session updated, or an event inserted into one").isEmpty();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE end_time IS NULL", Long.class))
				.isZero();
			assertEveryAcknowledgedEventStoredOnceAndNothingElse(jdbc);
			assertCountersMatchTheStoredEvents(jdbc);
			assertNothingHappenedAfterTheEnd(jdbc);
			assertEveryAnswerAgreesWithTheOneStoredEnd(jdbc);
			assertTheRacesReallyHappened(jdbc);
		}
	}

	private void runRound(List<Instance> instances, List<UUID> sessions, int round) throws Exception {
		int workers = instances.size() * WORKERS_PER_INSTANCE;
		CyclicBarrier go = new CyclicBarrier(workers);
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				Instance instance = instances.get(w % instances.size());
				Random random = new Random(round * 1000L + w);
				done.add(pool.submit(() -> {
					go.await();
					for (int op = 0; op < OPS_PER_WORKER; op++) {
						operate(instance, sessions.get(random.nextInt(sessions.size())), random);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void operate(Instance instance, UUID session, Random random) {
		try {
			int dice = random.nextInt(100);
			if (dice < 50) {
				sendBatch(instance, session, fresh(session));
			}
			else if (dice < 60) {
				List<List<UUID>> sent = this.sentBatches.get(session);
				List<UUID> replay = sent.isEmpty() ? fresh(session) : sent.get(random.nextInt(sent.size()));
				sendBatch(instance, session, replay);
			}
			else if (dice < 85) {
				heartbeat(instance, session);
			}
			else if (dice < 88) {
				end(instance, session);
			}
			else {
				this.swept.add(instance.sessions.closeIdleBefore(this.clock.instant().minus(IDLE_TIMEOUT)));
			}
		}
		catch (RuntimeException ex) {
			this.failures.add(ex.toString());
		}
	}

	private List<UUID> fresh(UUID session) {
		List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		this.sentBatches.get(session).add(ids);
		return ids;
	}

	private void sendBatch(Instance instance, UUID session, List<UUID> ids) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			events.add(Map.of("id", ids.get(i).toString(), "action", i == 0 ? "error" : "click"));
		}
		Api.Response response = instance.api.post("/api/v1/sessions/" + session + "/events",
				Api.json(Map.of("events", events)));
		if (response.status() == 202) {
			this.acknowledged.get(session).addAll(ids);
			this.accepted.add(response.json().get("accepted").asInt());
			if (response.json().get("accepted").asInt() + response.json().get("duplicates").asInt() != BATCH) {
				this.failures.add("accepted + duplicates != batch: " + response.body());
			}
		}
		else {
			expectEnded(response);
		}
	}

	private void heartbeat(Instance instance, UUID session) {
		Api.Response response = instance.api.post("/api/v1/sessions/" + session + "/heartbeat", null);
		if (response.status() == 200) {
			this.heartbeatAnswers.get(session).add(Instant.parse(response.text("lastSeen")));
		}
		else {
			expectEnded(response);
		}
	}

	private void end(Instance instance, UUID session) {
		Api.Response response = instance.api.post("/api/v1/sessions/" + session + "/end",
				Api.json(Map.of("reason", "logout")));
		if (response.status() == 200) {
			this.endAnswers.get(session).add(response.json());
		}
		else {
			this.failures.add("end " + response.status() + " " + response.body());
		}
	}

	private void expectEnded(Api.Response response) {
		if (response.status() == 409 && response.text("type").endsWith("/session-ended")) {
			this.refused.increment();
		}
		else {
			this.failures.add(response.status() + " " + response.body());
		}
	}

	private void assertEveryAcknowledgedEventStoredOnceAndNothingElse(JdbcTemplate jdbc) {
		Map<UUID, Set<UUID>> stored = new HashMap<>();
		jdbc.query("SELECT session_id, id FROM session_events", rs -> {
			stored.computeIfAbsent(rs.getObject(1, UUID.class), s -> new HashSet<>()).add(rs.getObject(2, UUID.class));
		});
		Map<UUID, Set<UUID>> acknowledgedNonEmpty = new HashMap<>();
		this.acknowledged.forEach((session, ids) -> {
			if (!ids.isEmpty()) {
				acknowledgedNonEmpty.put(session, ids);
			}
		});
		assertThat(stored).isEqualTo(acknowledgedNonEmpty);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM session_events", Long.class))
			.as("each stored event was reported accepted exactly once")
			.isEqualTo(this.accepted.sum());
	}

	private static void assertCountersMatchTheStoredEvents(JdbcTemplate jdbc) {
		assertThat(jdbc.queryForList("""
				SELECT s.id || ' actions ' || s.action_count || '/' || count(e.id)
				       || ' errors ' || s.error_count || '/' || count(e.id) FILTER (WHERE e.event_type = 'error')
				FROM user_sessions s LEFT JOIN session_events e ON e.session_id = s.id
				GROUP BY s.id
				HAVING s.action_count <> count(e.id)
				    OR s.error_count <> count(e.id) FILTER (WHERE e.event_type = 'error')""", String.class))
			.isEmpty();
	}

	private static void assertNothingHappenedAfterTheEnd(JdbcTemplate jdbc) {
		assertThat(jdbc.queryForList(
				"SELECT id || ' last seen ' || last_seen || ' ended ' || end_time FROM user_sessions "
						+ "WHERE last_seen > end_time OR end_time < start_time",
				String.class))
			.isEmpty();
		// Server-stamped events of a request end at its "now", the session's lastSeen, so none is after its end.
		assertThat(jdbc.queryForList("""
				SELECT e.id || ' received ' || e.timestamp || ' ended ' || s.end_time
				FROM session_events e JOIN user_sessions s ON s.id = e.session_id
				WHERE e.timestamp > s.end_time""", String.class)).isEmpty();
	}

	private void assertEveryAnswerAgreesWithTheOneStoredEnd(JdbcTemplate jdbc) {
		Map<UUID, Instant> ends = new HashMap<>();
		Map<UUID, String> reasons = new HashMap<>();
		jdbc.query("SELECT id, end_time, exit_reason FROM user_sessions", rs -> {
			UUID id = rs.getObject(1, UUID.class);
			ends.put(id, rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
			reasons.put(id, rs.getString(3));
		});
		this.endAnswers.forEach((session, answers) -> answers.forEach(answer -> {
			assertThat(Instant.parse(answer.get("endTime").asString())).as("end answer of %s", session)
				.isEqualTo(ends.get(session));
			assertThat(answer.at("/exit/reason").asString()).isEqualTo(reasons.get(session));
		}));
		this.heartbeatAnswers.forEach((session, answers) -> answers.forEach(
				lastSeen -> assertThat(lastSeen).as("acknowledged heartbeat of %s", session)
					.isBeforeOrEqualTo(ends.get(session))));
	}

	private void assertTheRacesReallyHappened(JdbcTemplate jdbc) {
		long logouts = jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE exit_reason = 'logout'",
				Long.class);
		long timeouts = jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE exit_reason = 'timeout'",
				Long.class);
		System.out.printf("two-instance race: %d sessions, %d events accepted, %d requests refused as ended, "
				+ "%d ended by /end, %d timed out (%d by sweeps)%n", logouts + timeouts, this.accepted.sum(),
				this.refused.sum(), logouts, timeouts, this.swept.sum());
		assertThat(this.accepted.sum()).isPositive();
		assertThat(this.refused.sum()).as("writes that lost the race to an end").isPositive();
		assertThat(logouts).isPositive();
		assertThat(this.swept.sum()).as("sessions closed by sweeps while written to").isPositive();
	}

	/** Records what must never happen, from inside the database, whoever does it. */
	private static void installObservers(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE race_violations (session_id uuid, what text)");
		jdbc.execute("""
				CREATE FUNCTION race_updated_after_end() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN INSERT INTO race_violations VALUES (OLD.id, 'updated after its end'); RETURN NEW; END $$""");
		jdbc.execute("""
				CREATE TRIGGER race_updated_after_end AFTER UPDATE ON user_sessions FOR EACH ROW
				WHEN (OLD.end_time IS NOT NULL AND OLD.* IS DISTINCT FROM NEW.*)
				EXECUTE FUNCTION race_updated_after_end()""");
		jdbc.execute("""
				CREATE FUNCTION race_event_after_end() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF EXISTS (SELECT 1 FROM user_sessions WHERE id = NEW.session_id AND end_time IS NOT NULL) THEN
				        INSERT INTO race_violations VALUES (NEW.session_id, 'event ' || NEW.id || ' after its end');
				    END IF;
				    RETURN NEW;
				END $$""");
		jdbc.execute("""
				CREATE TRIGGER race_event_after_end AFTER INSERT ON session_events FOR EACH ROW
				EXECUTE FUNCTION race_event_after_end()""");
	}

	private ConfigurableApplicationContext start(String url) {
		TestDatabase db = TestDatabase.get();
		return new SpringApplicationBuilder(SessionTrackerApplication.class)
			.initializers(context -> ((GenericApplicationContext) context).registerBean("raceClock", Clock.class,
					() -> this.clock, definition -> definition.setPrimary(true)))
			.properties("server.port=0", "spring.datasource.url=" + url, "spring.datasource.username=" + db.username(),
					"spring.datasource.password=" + db.password(), "tracker.scheduling.enabled=false",
					"tracker.security.read-key=k", "tracker.limits.per-client-rate=0", "tracker.limits.global-rate=0",
					"tracker.limits.max-active-sessions-per-user=100000",
					"tracker.session.idle-timeout=" + IDLE_TIMEOUT, "spring.main.banner-mode=off")
			.run();
	}

	private final class Instance {

		final Api api;

		final SessionService sessions;

		Instance(ConfigurableApplicationContext context) {
			this.api = new Api(((WebServerApplicationContext) context).getWebServer().getPort());
			this.sessions = context.getBean(SessionService.class);
		}

		UUID start(String userId) {
			Api.Response response = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", userId)));
			assertThat(response.status()).isEqualTo(201);
			UUID id = UUID.fromString(response.text("id"));
			TwoInstanceRaceTests.this.acknowledged.put(id, ConcurrentHashMap.newKeySet());
			TwoInstanceRaceTests.this.sentBatches.put(id, new java.util.concurrent.CopyOnWriteArrayList<>());
			TwoInstanceRaceTests.this.endAnswers.put(id, new ConcurrentLinkedQueue<>());
			TwoInstanceRaceTests.this.heartbeatAnswers.put(id, new ConcurrentLinkedQueue<>());
			return id;
		}

	}

	/** A clock shared by both instances that moves forward by a tick on every read. */
	static final class TickingClock extends Clock {

		private final Instant origin;

		private final long tickNanos;

		private final AtomicLong ticks = new AtomicLong();

		TickingClock(Instant origin, Duration tick) {
			this.origin = origin;
			this.tickNanos = tick.toNanos();
		}

		@Override
		public Instant instant() {
			return this.origin.plusNanos(this.ticks.incrementAndGet() * this.tickNanos);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("UTC only");
		}

	}

}
