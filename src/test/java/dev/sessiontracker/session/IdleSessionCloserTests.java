package dev.sessiontracker.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class IdleSessionCloserTests extends HttpTest {

	@Autowired
	IdleSessionCloser closer;

	@Autowired
	IdleSessionSweeper sweeper;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataSource dataSource;

	@Autowired
	LockProvider lockProvider;

	@Test
	void closesSessionsIdleLongerThanTheTimeoutAtTheirLastActivity() {
		deleteAllSessions();
		String idle = startSession("sweep-1");
		this.clock.advance(Duration.ofMinutes(5));
		this.api.post("/api/v1/sessions/" + idle + "/event",
				Api.json(Map.of("action", "page_view", "data", Map.of("page", "/reports"))));
		this.clock.advance(Duration.ofMinutes(15));
		String recent = startSession("sweep-2");
		this.clock.advance(Duration.ofMinutes(20));

		this.closer.closeIdleSessions();

		JsonNode closed = this.api.get("/api/v1/sessions/" + idle).json();
		assertThat(Instant.parse(closed.get("endTime").asString())).isEqualTo(T0.plus(Duration.ofMinutes(5)));
		assertThat(closed.get("duration").asLong()).isEqualTo(300);
		assertThat(closed.at("/exit/reason").asString()).isEqualTo("timeout");
		assertThat(closed.at("/exit/page").asString()).isEqualTo("/reports");
		assertThat(this.api.get("/api/v1/sessions/" + recent).json().get("endTime").isNull()).isTrue();
	}

	@Test
	void aSessionAtTheIdleBoundaryIsOpenForEveryReaderAndTheSweep() {
		deleteAllSessions();
		String id = startSession("boundary");
		// Silent for exactly the idle timeout, plus a fraction of a microsecond that PostgreSQL cannot store.
		this.clock.advance(Duration.ofMinutes(30).plusNanos(700));

		this.closer.closeIdleSessions();

		assertThat(this.api.get("/api/v1/sessions/user/boundary/current").json().get("id").asString()).isEqualTo(id);
		assertThat(this.api.get("/api/v1/sessions/active").json().get("count").asLong()).isEqualTo(1);
		Api.Response heartbeat = this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);
		assertThat(heartbeat.status()).isEqualTo(200);
		assertThat(heartbeat.json().get("active").asBoolean()).isTrue();
	}

	@Test
	void aSecondSweepClosesNothingAndEachRunIsMeasured() {
		deleteAllSessions();
		startSession("sweep-3");
		this.clock.advance(Duration.ofHours(1));
		double before = rowsCounted();

		this.closer.closeIdleSessions();
		this.closer.closeIdleSessions();

		assertThat(rowsCounted() - before).isEqualTo(1.0);
		assertThat(this.meters.get("tracker.job.duration").tag("job", "idle-session-closer").timer().count())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void sweepsInBoundedChunksUntilNoneIsLeft() {
		deleteAllSessions();
		startSessions("chunk-", 25);

		long closed = this.sweeper.closeIdleBefore(T0.plusSeconds(1), 10, 0);

		assertThat(closed).isEqualTo(25);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE end_time IS NULL", Long.class))
			.isZero();
	}

	@Test
	void pausesAfterEveryFullChunkAndNeverAfterTheLast() {
		deleteAllSessions();
		startSessions("paced-", 25);
		List<Long> pauses = new ArrayList<>();
		IdleSessionSweeper paced = sweeperPausingInto(pauses);

		// A factor big enough that even a sub-millisecond chunk asks for a pause.
		long closed = paced.closeIdleBefore(T0.plusSeconds(1), 10, 1_000_000);

		assertThat(closed).isEqualTo(25);
		assertThat(pauses).hasSize(2).allSatisfy(millis -> assertThat(millis).isPositive());
	}

	@Test
	void aSweepThatFitsInOneChunkOrHasNoFactorNeverPauses() {
		deleteAllSessions();
		startSessions("unpaced-", 5);
		List<Long> pauses = new ArrayList<>();
		IdleSessionSweeper paced = sweeperPausingInto(pauses);

		assertThat(paced.closeIdleBefore(T0.plusSeconds(1), 10, 1_000_000)).isEqualTo(5);
		startSessions("unpaced-again-", 5);
		assertThat(paced.closeIdleBefore(T0.plusSeconds(1), 2, 0)).isEqualTo(5);
		assertThat(pauses).isEmpty();
	}

	@Test
	void workflowsLeftOpenBecomeAbandonedWhenTheSweepClosesTheSession() {
		String id = startSession("sweep-wf");
		this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(Map.of("action", "workflow_start", "data", Map.of("workflowId", "import"))));
		this.clock.advance(Duration.ofMinutes(31));

		this.closer.closeIdleSessions();

		assertThat(this.api.get("/api/v1/sessions/" + id + "/abandoned-workflows").json().get(0).get("workflowId")
			.asString()).isEqualTo("import");
		assertThat(this.api.post("/api/v1/sessions/" + id + "/heartbeat", null).status()).isEqualTo(409);
	}

	@Test
	void aSessionAWriterHoldsIsSkippedNotClosedUnderIt() throws Exception {
		String id = startSession("locked");
		this.clock.advance(Duration.ofMinutes(31));
		try (Connection writer = this.dataSource.getConnection()) {
			writer.setAutoCommit(false);
			try (PreparedStatement lock = writer
				.prepareStatement("SELECT id FROM user_sessions WHERE id = ?::uuid FOR UPDATE")) {
				lock.setString(1, id);
				lock.executeQuery();
			}

			this.closer.closeIdleSessions();

			assertThat(endTimeOf(UUID.fromString(id))).as("not closed under the writer").isEmpty();
			writer.rollback();
		}
		this.closer.closeIdleSessions();
		assertThat(endTimeOf(UUID.fromString(id))).isNotEmpty();
	}

	@Test
	void twoInstancesOnOneDatabaseNeverRunTheSweepAtTheSameTime() {
		UUID id = insertSession("two-instances", Instant.parse("2020-01-01T00:00:00Z"), null, 0, 0, "/", null);
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(SessionTrackerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + TestDatabase.get().jdbcUrl(),
					"spring.datasource.username=" + TestDatabase.get().username(),
					"spring.datasource.password=" + TestDatabase.get().password(),
					"tracker.scheduling.enabled=false")
			.run()) {
			IdleSessionCloser otherCloser = other.getBean(IdleSessionCloser.class);
			Optional<SimpleLock> running = this.lockProvider.lock(new LockConfiguration(Instant.now(),
					"idle-session-closer", Duration.ofMinutes(5), Duration.ZERO));
			assertThat(running).as("this instance runs the sweep").isPresent();

			otherCloser.closeIdleSessions();
			assertThat(endTimeOf(id)).as("the other instance skipped it").isEmpty();

			running.get().unlock();
			otherCloser.closeIdleSessions();
			assertThat(endTimeOf(id)).as("and runs it once the lock is free").isNotEmpty();
		}
	}

	/** The end the sweep stored, if it did (reads show a timed-out session as ended before that). */
	private List<Object> endTimeOf(UUID id) {
		return this.jdbc.queryForList("SELECT end_time FROM user_sessions WHERE id = ? AND end_time IS NOT NULL",
				Object.class, id);
	}

	private double rowsCounted() {
		var counter = this.meters.find("tracker.job.rows").tag("job", "idle-session-closer").counter();
		return counter == null ? 0 : counter.count();
	}

	/** A sweeper that records the pauses it asks for instead of sleeping. */
	private IdleSessionSweeper sweeperPausingInto(List<Long> pauses) {
		return new IdleSessionSweeper(JdbcClient.create(this.dataSource), pauses::add);
	}

	private void startSessions(String userPrefix, int count) {
		for (int i = 0; i < count; i++) {
			startSession(userPrefix + i);
		}
	}

}
