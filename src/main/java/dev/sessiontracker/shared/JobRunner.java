package dev.sessiontracker.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scheduled jobs by name. Each module registers its jobs' work here; running one reports it: rows touched
 * ({@code tracker.job.rows}) and time taken ({@code tracker.job.duration}), tagged with the job's name, and one
 * log line: at INFO when it touched rows, at DEBUG when it touched none (the idle closer runs every minute, mostly
 * to find nothing). The timers hold each job's ShedLock lock; {@link #runLocked} takes the same lock to run one now.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	/** Longest a run on demand keeps its lock if its instance dies meanwhile (the timers' default, PT10M). */
	private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

	private final MeterRegistry meters;

	private final LockingTaskExecutor locks;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final Map<String, LongSupplier> jobs = new ConcurrentHashMap<>();

	JobRunner(MeterRegistry meters, LockProvider lockProvider, Clock clock, JdbcClient jdbc) {
		this.meters = meters;
		this.locks = new DefaultLockingTaskExecutor(lockProvider);
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/** @param work does the job and returns the rows it touched */
	public void register(String job, LongSupplier work) {
		if (this.jobs.putIfAbsent(job, work) != null) {
			throw new IllegalStateException("Job " + job + " is registered twice");
		}
	}

	Set<String> names() {
		return new TreeSet<>(this.jobs.keySet());
	}

	boolean has(String job) {
		return this.jobs.containsKey(job);
	}

	/** Runs a registered job in this thread, without taking its lock (the caller holds it). */
	public Run run(String job) {
		LongSupplier work = this.jobs.get(job);
		if (work == null) {
			throw new IllegalArgumentException("No job named " + job);
		}
		long start = System.nanoTime();
		long rows = work.getAsLong();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		this.meters.timer("tracker.job.duration", "job", job).record(took);
		this.meters.counter("tracker.job.rows", "job", job).increment(rows);
		if (rows > 0) {
			log.info("Job {}: {} rows in {} ms", job, rows, took.toMillis());
		}
		else {
			log.debug("Job {}: {} rows in {} ms", job, rows, took.toMillis());
		}
		return new Run(job, rows, took.toMillis());
	}

	/**
	 * Runs a registered job now, in this thread, under its ShedLock lock (the one its timer takes), released as soon
	 * as the run ends. The timers keep theirs for {@code tracker.scheduling.lock-at-least-for}, so that an instance
	 * whose clock is a little behind does not run the same hour's job again; a run on demand or at start-up is no
	 * timer's, and keeping its lock would only turn the next request away while nothing runs.
	 * @return the run, or empty when the lock is held: the job is running, here or on another instance, or its timer
	 * ran within lock-at-least-for
	 */
	public Optional<Run> runLocked(String job) {
		LockingTaskExecutor.TaskResult<Run> result;
		try {
			result = this.locks.executeWithLock(() -> run(job),
					new LockConfiguration(this.clock.instant(), job, LOCK_AT_MOST, Duration.ZERO));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		return result.wasExecuted() ? Optional.of(result.getResult()) : Optional.empty();
	}

	/**
	 * How long the job's lock stays held, on the database's clock as ShedLock keeps it: while the job runs, at most its
	 * lock-at-most-for; after a timer's run, the rest of lock-at-least-for.
	 * @return empty when the lock is free
	 */
	public Optional<Duration> lockHeldFor(String job) {
		return this.jdbc.sql("""
				SELECT ceil(extract(epoch FROM lock_until - now()) * 1000)::bigint FROM shedlock
				WHERE name = :name AND lock_until > now()""")
			.param("name", job)
			.query(Long.class)
			.optional()
			.map(Duration::ofMillis);
	}

	/** One run of a job: the rows it touched and the milliseconds it took. */
	public record Run(String job, long rows, long millis) {
	}

}
