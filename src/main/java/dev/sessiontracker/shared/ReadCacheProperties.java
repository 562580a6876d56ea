package dev.sessiontracker.shared;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The read caches of daily statistics and insights ({@code tracker.read-cache.*}, so {@code TRACKER_READ_CACHE_TTL}
 * in the environment).
 *
 * @param ttl how long an answer is served as it is; 0 keeps nothing
 */
@Validated
@ConfigurationProperties("tracker.read-cache")
public record ReadCacheProperties(@DefaultValue("60s") @DurationMin(seconds = 0) Duration ttl) {
}
