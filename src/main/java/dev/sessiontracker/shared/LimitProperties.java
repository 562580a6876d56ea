package dev.sessiontracker.shared;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits ({@code tracker.limits.*}). A rate of 0 turns that limit off.
 *
 * @param maxBodySize the largest request body accepted; 64 KiB is what browsers allow a keepalive fetch or beacon
 * @param perClientRate ingestion requests a second from one client IP (bursts up to twice as many)
 * @param globalRate ingestion requests a second for the whole instance (bursts up to twice as many)
 * @param maxEventsPerSession events one session may hold
 * @param maxActiveSessionsPerUser open sessions one user may have at once
 * @param maxDataDepth how deeply an event's {@code data} may nest
 * @param maxConcurrentRequests API requests in progress at once; one more is answered 503 with Retry-After at once
 * instead of queueing (0 = no bound beyond the web server's own)
 * @param bodyReadTimeout how long a request body may take to arrive, from its first read (408 after); at least 1 ms,
 * as Tomcat takes it in milliseconds and 0 would mean no limit
 * @param newUserAgentsPerClient User-Agents not seen before that one client IP's starts may have parsed a second
 * (bursts up to twice as many); a start past them gets the families {@code Other} (0 = no limit)
 */
@Validated
@ConfigurationProperties("tracker.limits")
public record LimitProperties(@DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("1000") @PositiveOrZero int perClientRate, @DefaultValue("5000") @PositiveOrZero int globalRate,
		@DefaultValue("10000") @Positive int maxEventsPerSession,
		@DefaultValue("100") @Positive int maxActiveSessionsPerUser, @DefaultValue("10") @Positive int maxDataDepth,
		@DefaultValue("200") @PositiveOrZero int maxConcurrentRequests,
		@DefaultValue("10s") @DurationMin(millis = 1) Duration bodyReadTimeout,
		@DefaultValue("10") @PositiveOrZero int newUserAgentsPerClient) {

	public LimitProperties {
		// No constraint annotation applies to a DataSize; 0 or less would refuse every request with a body.
		if (maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException(
					"tracker.limits.max-body-size must be at least 1 byte, not " + maxBodySize);
		}
	}

}
