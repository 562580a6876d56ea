package dev.sessiontracker.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class JobsHttpTests extends HttpTest {

	@Autowired
	LockProvider lockProvider;

	@Test
	void listsTheJobs() {
		JsonNode jobs = this.api.get("/api/v1/jobs").json().get("jobs");

		assertThat(jobs.valueStream().map(JsonNode::asString)).containsExactly("daily-rollup",
				"idle-session-closer", "retention", "user-patterns");
	}

	@Test
	void runsAJobNowAndAnswersItsRowsAndTime() {
		deleteAllSessions();
		String idle = startSession("jobs-idle");
		startSession("jobs-idle-2");
		this.clock.advance(Duration.ofMinutes(31));

		Api.Response run = this.api.post("/api/v1/jobs/idle-session-closer", null);

		assertThat(run.status()).isEqualTo(200);
		assertThat(run.json().get("job").asString()).isEqualTo("idle-session-closer");
		assertThat(run.json().get("rows").asLong()).isEqualTo(2);
		assertThat(run.json().get("millis").asLong()).isNotNegative();
		assertThat(this.api.get("/api/v1/sessions/" + idle).json().at("/exit/reason").asString()).isEqualTo("timeout");
		assertThat(this.api.post("/api/v1/jobs/idle-session-closer", null).json().get("rows").asLong()).isZero();
	}

	@Test
	void aJobRunningElsewhereIsNotStartedAgain() {
		Optional<SimpleLock> running = this.lockProvider
			.lock(new LockConfiguration(Instant.now(), "retention", Duration.ofMinutes(5), Duration.ZERO));
		assertThat(running).isPresent();
		try {
			Api.Response refused = this.api.post("/api/v1/jobs/retention", null);

			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.text("type")).endsWith("/job-running");
			assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(240L, 300L);
		}
		finally {
			running.get().unlock();
		}
		assertThat(this.api.post("/api/v1/jobs/retention", null).status()).isEqualTo(200);
	}

	@Test
	void aJobWhoseTimerRanWithinTheLocksMinimumIsRefusedWithTheTimeLeft() {
		// what a timer's run leaves: a lock held on for lock-at-least-for after the run ended
		this.lockProvider
			.lock(new LockConfiguration(Instant.now(), "retention", Duration.ofMinutes(10), Duration.ofMinutes(2)))
			.orElseThrow()
			.unlock();
		try {
			Api.Response refused = this.api.post("/api/v1/jobs/retention", null);

			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.text("detail")).contains("lock-at-least-for");
			assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(60L, 120L);
		}
		finally {
			this.jdbc.update("UPDATE shedlock SET lock_until = now() WHERE name = 'retention'");
		}
		assertThat(this.api.post("/api/v1/jobs/retention", null).status()).isEqualTo(200);
	}

	@Test
	void anUnknownJobIsA404ProblemAndRunningOneNeedsTheReadKey() {
		Api.Response unknown = this.api.post("/api/v1/jobs/vacuum", null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text("type")).endsWith("/no-such-job");
		assertThat(unknown.text("detail")).contains("idle-session-closer");

		assertThat(new Api(this.port).post("/api/v1/jobs/retention", null).status()).isEqualTo(401);
	}

}
