package dev.sessiontracker.shared;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Ticker;

/** Caffeine's time taken from the injected clock, so that tests move a cache's ages by moving the clock. */
public final class ClockTicker {

	private ClockTicker() {
	}

	public static Ticker of(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

}
