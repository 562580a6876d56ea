package dev.sessiontracker.shared;

import java.time.Clock;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's run is measured whatever it did, and logged at INFO only when it did something. */
class JobRunnerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	// run() takes no lock and reads no database
	private final JobRunner jobs = new JobRunner(this.meters, lock -> Optional.empty(), Clock.systemUTC(), null);

	private final Logger logger = (Logger) LoggerFactory.getLogger(JobRunner.class);

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private Level level;

	@BeforeEach
	void captureTheLog() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.logged.start();
		this.logger.addAppender(this.logged);
	}

	@AfterEach
	void releaseTheLog() {
		this.logger.detachAppender(this.logged);
		this.logger.setLevel(this.level);
	}

	@Test
	void aRunThatTouchedRowsIsLoggedAtInfo() {
		this.jobs.register("retention", () -> 3);

		this.jobs.run("retention");

		assertThat(this.logged.list).singleElement().satisfies(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.INFO);
			assertThat(event.getFormattedMessage()).startsWith("Job retention: 3 rows in ");
		});
		assertThat(this.meters.get("tracker.job.rows").tag("job", "retention").counter().count()).isEqualTo(3);
	}

	@Test
	void aRunThatTouchedNothingIsLoggedAtDebugOnlyAndStillMeasured() {
		this.jobs.register("idle-session-closer", () -> 0);

		this.jobs.run("idle-session-closer");

		assertThat(this.logged.list).singleElement().satisfies(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
			assertThat(event.getFormattedMessage()).startsWith("Job idle-session-closer: 0 rows in ");
		});
		assertThat(this.meters.get("tracker.job.duration").tag("job", "idle-session-closer").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.get("tracker.job.rows").tag("job", "idle-session-closer").counter().count()).isZero();
	}

}
