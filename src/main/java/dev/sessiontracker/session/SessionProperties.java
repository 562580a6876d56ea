package dev.sessiontracker.session;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the session lifecycle ({@code tracker.*}).
 *
 * @param session idle timeout and sweep interval
 * @param internalHosts hosts whose referrers count as internal
 * @param stats the zone that defines a calendar day
 */
@Validated
@ConfigurationProperties("tracker")
public record SessionProperties(@DefaultValue @Valid Lifecycle session, @DefaultValue Set<String> internalHosts,
		@DefaultValue Stats stats) {

	/**
	 * @param idleTimeout silence after which a session has timed out
	 * @param sweepInterval how often the idle closer runs
	 * @param sweepChunk sessions closed per statement
	 * @param sweepPauseFactor pause between two chunks, as a multiple of the time the chunk before took (0: none)
	 * @param activeRefresh how long an answer of the active sessions is reused before it is counted again (0: never)
	 */
	public record Lifecycle(@DefaultValue("PT30M") @DurationMin(nanos = 1) Duration idleTimeout,
			@DefaultValue("PT1M") @DurationMin(nanos = 1) Duration sweepInterval,
			@DefaultValue("5000") @Positive int sweepChunk, @DefaultValue("1") @PositiveOrZero double sweepPauseFactor,
			@DefaultValue("PT1S") @DurationMin(seconds = 0) Duration activeRefresh) {
	}

	public record Stats(@DefaultValue("UTC") ZoneId zone, @DefaultValue("true") boolean includeBots) {
	}

	public Duration idleTimeout() {
		return session.idleTimeout();
	}

}
