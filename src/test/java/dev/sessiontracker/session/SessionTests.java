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
		boolean changed = this.session.end(START.plusMillis(61_900), IDLE, ExitReason.LOGOUT, "/bye", "logout");

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

		this.session.end(later, IDLE, ExitReason.NAVIGATION, null, null);

		assertThat(this.session.duration()).isEqualTo(90_000);
	}

	@Test
	void aSessionNeverEndsBeforeItsLastActivity() {
		// A batch committed between the /end request reading the clock and taking the row lock.
		sessionSeenAt(START.plusSeconds(300));

		this.session.end(START.plusSeconds(299), IDLE, ExitReason.LOGOUT, null, null);

		assertThat(this.session.getEndTime()).contains(START.plusSeconds(300));
		assertThat(this.session.duration()).isEqualTo(300);
	}

	@Test
	void anEndedSessionNeverChangesAgain() {
		this.session.end(START.plusSeconds(10), IDLE, ExitReason.LOGOUT, null, null);

		boolean changed = this.session.end(START.plusSeconds(20), IDLE, ExitReason.ERROR, "/x", "y");

		assertThat(changed).isFalse();
		assertThat(this.session.getEndTime()).contains(START.plusSeconds(10));
		assertThat(this.session.getExitReason()).contains(ExitReason.LOGOUT);
		assertThat(this.session.getCurrentPage()).contains("/landing");
	}

	@Test
	void aLateEndOfAnIdleSessionEndsItAsTimeoutAtItsLastActivity() {
		this.session.end(START.plus(IDLE).plusSeconds(1), IDLE, ExitReason.LOGOUT, "/bye", "logout");

		assertThat(this.session.getEndTime()).contains(START);
		assertThat(this.session.getExitReason()).contains(ExitReason.TIMEOUT);
		assertThat(this.session.getCurrentPage()).contains("/landing");
		assertThat(this.session.getLastAction()).isEmpty();
	}

	@Test
	void activeUntilExactlyTheIdleTimeoutHasPassed() {
		assertThat(this.session.isActive(START.plus(IDLE), IDLE)).isTrue();
		assertThat(this.session.isExpired(START.plus(IDLE), IDLE)).isFalse();
		assertThat(this.session.isActive(START.plus(IDLE).plusNanos(1000), IDLE)).isFalse();
		assertThat(this.session.isExpired(START.plus(IDLE).plusNanos(1000), IDLE)).isTrue();
	}

	@Test
	void openSessionReportsItsDurationSoFarUpToItsLastActivity() {
		sessionSeenAt(START.plusSeconds(95));

		assertThat(this.session.duration()).isEqualTo(95);
		assertThat(this.session.isEnded()).isFalse();
	}

	private void sessionSeenAt(Instant instant) {
		org.springframework.test.util.ReflectionTestUtils.setField(this.session, "lastSeen", instant);
	}

}
