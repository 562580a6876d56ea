package dev.sessiontracker.shared;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The read caches' settings: what tracker.read-cache.ttl (TRACKER_READ_CACHE_TTL) turns into. */
class CachingConfigurationTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	@Test
	void aZeroTtlKeepsNothing() {
		Cache<Object, Object> cache = new CachingConfiguration()
			.readCaches(new ReadCacheProperties(Duration.ZERO), this.clock, Runnable::run)
			.build();

		cache.put("key", "answer");

		assertThat(cache.getIfPresent("key")).isNull();
	}

	@Test
	void anAnswerIsComputedAgainAfterOneTtlAndKeptFiveAtMost() {
		Cache<Object, Object> cache = new CachingConfiguration()
			.readCaches(new ReadCacheProperties(Duration.ofSeconds(60)), this.clock, Runnable::run)
			.build(key -> "answer");

		assertThat(cache.policy().refreshAfterWrite()).map(policy -> policy.getRefreshesAfter())
			.contains(Duration.ofSeconds(60));
		assertThat(cache.policy().expireAfterWrite()).map(policy -> policy.getExpiresAfter())
			.contains(Duration.ofMinutes(5));
	}

}
