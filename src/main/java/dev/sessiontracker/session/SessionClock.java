package dev.sessiontracker.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.ClockTicker;

/**
 * The service's time at PostgreSQL's precision, and the idle cutoff derived from it: the one definition that the
 * writes, the current session, {@code /active} and the idle sweep share, so that none of them calls a session open
 * that another calls timed out. (A nanosecond instant sent to PostgreSQL is rounded to the microsecond, possibly up.)
 */
@Component
class SessionClock {

	private final Clock clock;

	private final SessionProperties properties;

	SessionClock(Clock clock, SessionProperties properties) {
		this.clock = clock;
		this.properties = properties;
	}

	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** Sessions silent since before this instant have timed out at {@code now}. */
	Instant idleCutoff(Instant now) {
		return now.minus(this.properties.idleTimeout());
	}

	Instant idleCutoff() {
		return idleCutoff(now());
	}

	/** The same time for a cache's ages, so that tests age the answers by moving the clock. */
	Ticker ticker() {
		return ClockTicker.of(this.clock);
	}

}
