package dev.sessiontracker.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.QueuedExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the read caches on (as in production): dashboards' repeated reads (which accept a cached answer with
 * {@code Cache-Control: max-stale}) are served from memory; other requests get figures computed on the request.
 * What the caches compute again in the background waits until the test runs it: on the real executor a quick
 * recompute could finish before the read that started it returned, and that read would get the new answer.
 */
@TestPropertySource(properties = { "spring.cache.type=caffeine", "tracker.session.active-refresh=PT1S" })
@Import(ReadCacheHttpTests.Background.class)
class ReadCacheHttpTests extends HttpTest {

	@Autowired
	private QueuedExecutor background;

	private static final String RANGE = "?from=2026-11-20&to=2026-11-24";

	@Test
	void aRepeatedInsightIsServedFromTheCacheUntilItExpires() {
		deleteAllSessions();
		insertSession("c1", Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:05:00Z"), 3, 0, "/",
				"logout");
		long first = dashboard("/api/v1/insights/activity" + RANGE).json().get("sessions").asLong();

		insertSession("c2", Instant.parse("2026-11-21T11:00:00Z"), Instant.parse("2026-11-21T11:05:00Z"), 3, 0, "/",
				"logout");

		assertThat(first).isEqualTo(1);
		assertThat(dashboard("/api/v1/insights/activity" + RANGE).json().get("sessions").asLong())
			.as("cached").isEqualTo(1);
		assertThat(dashboard("/api/v1/insights/activity?from=2026-11-21&to=2026-11-24").json().get("sessions")
			.asLong()).as("another range is another entry").isEqualTo(2);
		assertThat(dashboard("/api/v1/insights/stay" + RANGE).json().has("medianSeconds"))
			.as("another insight of the same range is its own entry").isTrue();
		assertThat(dashboard("/api/v1/insights/engagement" + RANGE).status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/metrics/cache.gets?tag=cache:insights&tag=result:hit").json()
			.at("/measurements/0/value").asDouble()).as("hits are counted for operators").isPositive();
	}

	@Test
	void anOlderAnswerIsServedWhileItIsComputedAgainInTheBackground() {
		String activity = "/api/v1/insights/activity?from=2026-11-20&to=2026-11-23";
		cacheOneSessionThenAddAnother(activity, Duration.ofSeconds(61));

		assertThat(sessions(activity)).as("served at once, not waiting for the count").isEqualTo(1);
		assertThat(sessions(activity)).as("still the old answer until the count has run").isEqualTo(1);
		this.background.runAll();

		assertThat(sessions(activity)).isEqualTo(2);
	}

	@Test
	void anAnswerFiveIntervalsOldIsComputedOnTheRequest() {
		String activity = "/api/v1/insights/activity?from=2026-11-19&to=2026-11-23";
		cacheOneSessionThenAddAnother(activity, Duration.ofMinutes(5));

		assertThat(sessions(activity)).isEqualTo(2);
	}

	@Test
	void anErasureDropsEveryKeptAnswer() {
		deleteAllSessions();
		insertSession("erased.user", Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:05:00Z"), 3,
				0, "/", "/bye/erased.user");
		startSession("erased.user");
		String leave = "/api/v1/insights/leave" + RANGE;
		assertThat(dashboard(leave).body()).contains("/bye/erased.user");
		assertThat(dashboard("/api/v1/sessions/active").body()).contains("erased.user");
		assertThat(dashboard("/api/v1/stats/daily" + RANGE).body()).contains("/bye/erased.user");

		this.api.delete("/api/v1/users/erased.user");

		assertThat(dashboard(leave).body()).doesNotContain("erased.user");
		assertThat(dashboard("/api/v1/sessions/active").body()).doesNotContain("erased.user");
		assertThat(dashboard("/api/v1/stats/daily" + RANGE).body()).doesNotContain("erased.user");
	}

	/** Caches {@code path}'s answer over one session, adds a second session, then lets {@code later} pass. */
	private void cacheOneSessionThenAddAnother(String path, Duration later) {
		deleteAllSessions();
		insertSession("s1", Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:05:00Z"), 3, 0, "/",
				"logout");
		assertThat(sessions(path)).isEqualTo(1);
		insertSession("s2", Instant.parse("2026-11-21T11:00:00Z"), Instant.parse("2026-11-21T11:05:00Z"), 3, 0, "/",
				"logout");
		this.clock.advance(later);
	}

	@Test
	void recomputingADayDropsTheCachedDailyStats() {
		deleteAllSessions();
		this.api.post("/api/v1/stats/daily/2026-11-22/rollup", null);
		String range = "?from=2026-11-22&to=2026-11-22";
		assertThat(dashboard("/api/v1/stats/daily" + range).json().get(0).get("totalSessions").asLong()).isZero();

		insertSession("c3", Instant.parse("2026-11-22T09:00:00Z"), Instant.parse("2026-11-22T09:10:00Z"), 3, 0, "/",
				"logout");
		assertThat(dashboard("/api/v1/stats/daily" + range).json().get(0).get("totalSessions").asLong())
			.as("cached").isZero();
		this.api.post("/api/v1/stats/daily/2026-11-22/rollup", null);

		assertThat(dashboard("/api/v1/stats/daily" + range).json().get(0).get("totalSessions").asLong())
			.isEqualTo(1);
	}

	@Test
	void activeSessionsAreCountedAgainOnlyOnceTheAnswerIsOld() {
		deleteAllSessions();
		startSession("r1");
		assertThat(activeCount(7)).isEqualTo(1);

		startSession("r2");

		assertThat(activeCount(7)).as("the answer of a moment ago").isEqualTo(1);
		assertThat(activeCount(8)).as("another limit is another entry").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(6)); // five refresh intervals: too old to serve
		assertThat(activeCount(7)).isEqualTo(2);
	}

	@Test
	void aRequestThatDoesNotAcceptACachedAnswerGetsFiguresComputedOnTheRequest() {
		deleteAllSessions();
		String range = "?from=2026-11-22&to=2026-11-24";
		startSession("f1");
		assertThat(activeCount(7)).isEqualTo(1);
		assertThat(dashboard("/api/v1/stats/daily" + range).json().get(2).get("totalSessions").asLong()).isEqualTo(1);
		assertThat(sessions("/api/v1/insights/activity" + range)).isEqualTo(1);

		startSession("f2");

		assertThat(this.api.get("/api/v1/sessions/active?limit=7").json().get("count").asLong()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/stats/daily" + range).json().get(2).get("totalSessions").asLong())
			.isEqualTo(2);
		assertThat(this.api.get("/api/v1/insights/activity" + range).json().get("sessions").asLong()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/insights/engagement" + range).json().get("mau").asLong()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/stats/daily" + range, Map.of("Cache-Control", "no-cache, max-age=0"))
			.json().get(2).get("totalSessions").asLong()).as("other directives do not accept a cached answer")
			.isEqualTo(2);
		assertThat(activeCount(7)).as("while the dashboard's polling still gets the cached one").isEqualTo(1);
	}

	/** A read as the dashboard makes it: accepting a cached answer. */
	private Api.Response dashboard(String path) {
		return this.api.get(path, Map.of("Cache-Control", "max-stale"));
	}

	private long sessions(String path) {
		return dashboard(path).json().get("sessions").asLong();
	}

	private long activeCount(int limit) {
		return dashboard("/api/v1/sessions/active?limit=" + limit).json().get("count").asLong();
	}

	/** The executor the caches (and {@code /active}) hand their background work to. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Background {

		@Bean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
		QueuedExecutor applicationTaskExecutor() {
			return new QueuedExecutor();
		}

	}

}
