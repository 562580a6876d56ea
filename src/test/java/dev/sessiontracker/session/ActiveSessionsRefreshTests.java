package dev.sessiontracker.session;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.QueuedExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /active}'s answers with a refresh interval of a second, counted on the real database, with the background
 * counts queued here and run when the test says, so what a reader is served at each moment is certain. (The cache
 * queues its own upkeep on the same executor, so the tests run everything queued rather than count the tasks.)
 */
class ActiveSessionsRefreshTests extends HttpTest {

	private final QueuedExecutor background = new QueuedExecutor();

	@Autowired
	SessionRepository sessions;

	@Autowired
	SessionClock sessionClock;

	private ActiveSessionsReader reader;

	@BeforeEach
	void reader() {
		deleteAllSessions();
		this.reader = new ActiveSessionsReader(this.sessions, Duration.ofSeconds(1), this.sessionClock,
				this.background);
	}

	@Test
	void anAnswerYoungerThanTheIntervalIsServedAsItIs() {
		countOneSessionThenStartAnother(Duration.ofMillis(999));

		assertThat(this.reader.read(10, true).count()).isEqualTo(1);
		this.background.runAll();
		assertThat(this.reader.read(10, true).count()).as("no count was started").isEqualTo(1);
	}

	@Test
	void anOlderAnswerIsServedWhileANewCountRunsInTheBackground() {
		countOneSessionThenStartAnother(Duration.ofSeconds(2));

		assertThat(this.reader.read(10, true).count()).as("served at once, not waiting for the count").isEqualTo(1);
		assertThat(this.reader.read(10, true).count()).isEqualTo(1);

		this.background.runAll();

		assertThat(this.reader.read(10, true).count()).isEqualTo(2);
		assertThat(this.reader.read(10, true).newest()).hasSize(2);
	}

	@Test
	void anAnswerFiveIntervalsOldIsCountedOnTheRequest() {
		countOneSessionThenStartAnother(Duration.ofSeconds(5));

		assertThat(this.reader.read(10, true).count()).as("counted before the answer, nothing run in the background")
			.isEqualTo(2);
	}

	/** Counts one open session, starts a second one, then lets {@code later} pass. */
	private void countOneSessionThenStartAnother(Duration later) {
		startSession("first");
		assertThat(this.reader.read(10, true).count()).isEqualTo(1);
		startSession("second");
		this.clock.advance(later);
	}

}
