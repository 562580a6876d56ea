package dev.sessiontracker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTests {

	private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	private static final Duration IDLE = Duration.ofMinutes(30);

	private final Session session = new Session(UUID.randomUUID(), "u", START,
			new Device(DeviceType.DESKTOP, "Chrome", "Windows", null, false),
			new Entry("/landing", EntrySource.DIRECT, null, null));

	@Test
	void endingSetsEndTimeReasonAndWholeSecondDuration() {
		boolean changed = end(START.plusMillis(61_900), ExitReason.LOGOUT, "/bye", "logout");

		assertThat(changed).isTrue();
		assertThat(this.session.getEndTime()).contains(START.plusMillis(61_900));
		assertThat(this.session.duration()).isEqualTo(61);
		assertThat(this.session.getExitReason()).contains(ExitReason.LOGOUT);
		assertThat(this.session.getCurrentPage()).contains("/bye");
		assertThat(this.session.getLastAction()).contains("logout");
	}

	@Test
	void durationCountsWholeDaysNotJustTheSecondsField() {
		Instant later = START.plus(Duration.ofHours(25));
		sessionSeenAt(later);

		end(later, ExitReason.NAVIGATION, null, null);

		assertThat(this.session.duration()).isEqualTo(90_000);
	}

	@Test
	void aSessionNeverEndsBeforeItsLastActivity() {
		// A batch committed between the /end request reading the clock and taking the row lock.
		sessionSeenAt(START.plusSeconds(300));

		end(START.plusSeconds(299), ExitReason.LOGOUT, null, null);

		assertThat(this.session.getEndTime()).contains(START.plusSeconds(300));
		assertThat(this.session.duration()).isEqualTo(300);
	}

	@Test
	void anEndedSessionNeverChangesAgain() {
		end(START.plusSeconds(10), ExitReason.LOGOUT, null, null);

		boolean changed = end(START.plusSeconds(20), ExitReason.ERROR, "/x", "y");

		assertThat(changed).isFalse();
		assertThat(this.session.getEndTime()).contains(START.plusSeconds(10));
		assertThat(this.session.getExitReason()).contains(ExitReason.LOGOUT);
		assertThat(this.session.getCurrentPage()).contains("/landing");
	}

	@Test
	void aLateEndOfAnIdleSessionEndsItAsTimeoutAtItsLastActivity() {
		end(START.plus(IDLE).plusSeconds(1), ExitReason.LOGOUT, "/bye", "logout");

		assertThat(this.session.getEndTime()).contains(START);
		assertThat(this.session.getExitReason()).contains(ExitReason.TIMEOUT);
		assertThat(this.session.getCurrentPage()).contains("/landing");
		assertThat(this.session.getLastAction()).isEmpty();
	}

	@Test
	void activeUntilExactlyTheIdleTimeoutHasPassed() {
		assertThat(this.session.isActive(cutoffAt(START.plus(IDLE)))).isTrue();
		assertThat(this.session.isExpired(cutoffAt(START.plus(IDLE)))).isFalse();
		assertThat(this.session.isActive(cutoffAt(START.plus(IDLE).plusNanos(1000)))).isFalse();
		assertThat(this.session.isExpired(cutoffAt(START.plus(IDLE).plusNanos(1000)))).isTrue();
	}

	@Test
	void asOfATimeAfterTheIdleTimeoutItReadsAsATimeoutAtItsLastActivityAndStaysOpenItself() {
		sessionSeenAt(START.plusSeconds(95));

		Session timedOut = this.session.asOf(cutoffAt(START.plusSeconds(95).plus(IDLE).plusSeconds(1)));

		assertThat(timedOut.getEndTime()).contains(START.plusSeconds(95));
		assertThat(timedOut.duration()).isEqualTo(95);
		assertThat(timedOut.getExitReason()).contains(ExitReason.TIMEOUT);
		assertThat(timedOut.getCurrentPage()).contains("/landing");
		assertThat(this.session.isEnded()).isFalse();
		assertThat(this.session.asOf(cutoffAt(START.plusSeconds(95).plus(IDLE)))).isSameAs(this.session);
	}

	@Test
	void openSessionReportsItsDurationSoFarUpToItsLastActivity() {
		sessionSeenAt(START.plusSeconds(95));

		assertThat(this.session.duration()).isEqualTo(95);
		assertThat(this.session.isEnded()).isFalse();
	}

	/** Ends the session at {@code now} with the cutoff the service's clock gives for it. */
	private boolean end(Instant now, ExitReason reason, String page, String lastAction) {
		return this.session.end(now, cutoffAt(now), reason, page, lastAction);
	}

	private static Instant cutoffAt(Instant now) {
		return now.minus(IDLE);
	}

	private void sessionSeenAt(Instant instant) {
		org.springframework.test.util.ReflectionTestUtils.setField(this.session, "lastSeen", instant);
	}

}
