package dev.sessiontracker.stats;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.JobRunner;

/** The stats module's scheduled work: the daily rollup (also at start-up, to backfill) and retention. */
@Component
class StatsJobs {

	static final String DAILY_ROLLUP = "daily-rollup";

	private final JobRunner jobs;

	StatsJobs(DailyStatsService stats, RetentionService retention, StatsProperties properties, JobRunner jobs,
			Clock clock) {
		this.jobs = jobs;
		jobs.register(DAILY_ROLLUP, stats::rollupPendingDays);
		jobs.register("retention", () -> retention.deleteStartedBefore(clock.instant().minus(properties.retention())));
	}

	// Hourly rather than once after midnight: a missed night (service down) is caught up within the hour.
	// Both hold their lock five minutes at least, so an instance whose clock is a little behind does not run them
	// again in the same hour (the start-up run below does not: it is no hour's run).
	@Scheduled(cron = "0 5 * * * *", zone = "${tracker.stats.zone:UTC}")
	@SchedulerLock(name = DAILY_ROLLUP, lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void rollupDays() {
		this.jobs.run(DAILY_ROLLUP);
	}

	@Scheduled(cron = "0 35 * * * *")
	@SchedulerLock(name = "retention", lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void deleteExpiredSessions() {
		this.jobs.run("retention");
	}

	/**
	 * The rollup at start-up, which backfills what the service missed while it was down and computes again the days
	 * of another zone: readiness waits for it, so that a load balancer sends an instance traffic only once it is done
	 * (run beside the traffic on a thread of its own, it overlapped the whole measurement of the benchmark's two
	 * just-started instances, which served a quarter of what they had before). It takes the job's lock only while it
	 * runs (see {@link JobRunner#runLocked}): a {@code POST /api/v1/jobs/daily-rollup} right after start-up is refused
	 * only while a rollup is running. When the lock is held (a rollup running on another instance, or an hourly run
	 * within lock-at-least-for) it runs once more as the lock frees, rather than leaving a restart's new zone or
	 * missed days to the next hour.
	 */
	@Component
	@ConditionalOnProperty(name = "tracker.scheduling.enabled", matchIfMissing = true)
	static class Backfill {

		private static final Logger log = LoggerFactory.getLogger(Backfill.class);

		// past the lock's end, which is on the database's clock
		private static final Duration MARGIN = Duration.ofSeconds(1);

		private final JobRunner jobs;

		private final TaskScheduler scheduler;

		private final Clock clock;

		Backfill(JobRunner jobs, TaskScheduler scheduler, Clock clock) {
			this.jobs = jobs;
			this.scheduler = scheduler;
			this.clock = clock;
		}

		@EventListener(ApplicationReadyEvent.class)
		void backfillOnStart() {
			if (!rollUp()) {
				Duration held = this.jobs.lockHeldFor(DAILY_ROLLUP).orElse(Duration.ZERO);
				log.info("Start-up rollup put off for {} s: job {}'s lock is held, by a rollup running on another "
						+ "instance or by an hourly rollup (of any instance, an earlier run of this one included) "
						+ "within the last tracker.scheduling.lock-at-least-for", held.plus(MARGIN).toSeconds(),
						DAILY_ROLLUP);
				this.scheduler.schedule(this::retry, this.clock.instant().plus(held).plus(MARGIN));
			}
		}

		private void retry() {
			if (!rollUp()) {
				log.info("Start-up rollup skipped: job {}'s lock is held again, so a rollup has just run; the next "
						+ "hourly run rolls up", DAILY_ROLLUP);
			}
		}

		// false when the lock is held (a failure is left to the hourly run, not tried again)
		private boolean rollUp() {
			try {
				return this.jobs.runLocked(DAILY_ROLLUP).isPresent();
			}
			catch (RuntimeException ex) {
				// the service can serve without it: the hourly run does the work again
				log.warn("Start-up rollup failed; the hourly run will do it", ex);
				return true;
			}
		}

	}

}
