package dev.sessiontracker.stats;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.shared.JobRunner;
import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollup at start-up, with the hourly timers' lock minimum as configured outside tests. */
@TestPropertySource(properties = "tracker.scheduling.lock-at-least-for=PT5M")
@ExtendWith(OutputCaptureExtension.class)
class StartupRollupHttpTests extends HttpTest {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	StatsJobs jobs;

	// holds the task the start-up rollup puts off, for the test to run when it has moved time on
	private final OneTask scheduler = new OneTask();

	@BeforeEach
	void yesterdaysSession() {
		deleteAllSessions();
		insertSession("s1", Instant.parse("2026-11-23T09:00:00Z"), null, 1, 0, "/", null);
	}

	@Test
	void aRollupAskedForOnceTheStartUpRollupIsDoneRuns() {
		try {
			backfill().backfillOnStart();
			assertThat(storedDays()).as("yesterday, the day before, today").isEqualTo(3);

			Api.Response asked = this.api.post("/api/v1/jobs/daily-rollup", null);

			assertThat(asked.status()).as(asked.body()).isEqualTo(200);
			assertThat(asked.json().get("rows").asLong()).isEqualTo(3);
		}
		finally {
			releaseRollupLock();
		}
	}

	@Test
	void theHourlyRollupStillKeepsItsLockForLockAtLeastForSoNoInstanceRunsItAgainThatHour() {
		try {
			this.jobs.rollupDays();

			Api.Response asked = this.api.post("/api/v1/jobs/daily-rollup", null);

			assertThat(asked.status()).isEqualTo(409);
			assertThat(asked.text("type")).endsWith("/job-running");
		}
		finally {
			releaseRollupLock();
		}
	}

	@Test
	void aStartUpRollupPutOffByTheHourlyRunsLockRunsAsTheLockFreesAndSaysThatTheLockIsHeld(CapturedOutput output) {
		try {
			this.jobs.rollupDays();
			// a day the hourly run did not see, as for days missed by an instance restarted with them
			insertSession("s0", Instant.parse("2026-11-20T09:00:00Z"), null, 1, 0, "/", null);

			backfill().backfillOnStart();

			assertThat(output.getOut())
				.containsPattern("Start-up rollup put off for 30[01] s: job daily-rollup's lock is held, by a rollup "
						+ "running on another instance or by an hourly rollup")
				.doesNotContain("is running on another instance");
			assertThat(this.scheduler.at).isBetween(this.clock.instant().plusSeconds(295),
					this.clock.instant().plusSeconds(302));
			assertThat(storedDay("2026-11-20")).isFalse();

			releaseRollupLock();
			this.scheduler.task.run();

			assertThat(storedDay("2026-11-20")).isTrue();
		}
		finally {
			releaseRollupLock();
		}
	}

	@Test
	void aStartUpRollupPutOffAndThenFindingTheLockHeldAgainLeavesItToTheNextHour(CapturedOutput output) {
		try {
			this.jobs.rollupDays();
			backfill().backfillOnStart();

			this.scheduler.task.run();

			assertThat(output.getOut()).contains("Start-up rollup skipped: job daily-rollup's lock is held again");
		}
		finally {
			releaseRollupLock();
		}
	}

	private StatsJobs.Backfill backfill() {
		return new StatsJobs.Backfill(this.jobRunner, this.scheduler, this.clock);
	}

	private boolean storedDay(String day) {
		return this.jdbc.queryForObject("SELECT count(*) FROM daily_session_stats WHERE date = ?::date", Long.class,
				day) == 1;
	}

	private long storedDays() {
		return this.jdbc.queryForObject("SELECT count(*) FROM daily_session_stats", Long.class);
	}

	private static final class OneTask extends ThreadPoolTaskScheduler {

		Runnable task;

		Instant at;

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant at) {
			this.task = task;
			this.at = at;
			return null;
		}

	}

	/** As the five minutes passing would (the locks run on the database's clock), for the tests that come after. */
	private void releaseRollupLock() {
		this.jdbc.update("UPDATE shedlock SET lock_until = now() WHERE name = ?", StatsJobs.DAILY_ROLLUP);
	}

}
