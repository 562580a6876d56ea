package dev.sessiontracker.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Caches for answers that dashboards poll (daily stats, insights), as {@code /active} keeps its count: an answer
 * younger than {@code tracker.read-cache.ttl} ({@code TRACKER_READ_CACHE_TTL}) is served as it is; one up to five
 * times that old is served while it is computed again in the background (once, however many read it), so a polling
 * dashboard never waits for a range to be recomputed; an older one, or one a rollup dropped, is computed on the
 * request. Keys name the method as well as its arguments, so that two methods sharing a cache never answer each
 * other.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CachingConfiguration implements CachingConfigurer {

	@Override
	public KeyGenerator keyGenerator() {
		return ReadCacheKey::of;
	}

	// Spring Boot builds the caches (spring.cache.cache-names) from this, unless spring.cache.type says otherwise.
	@Bean
	Caffeine<Object, Object> readCaches(ReadCacheProperties properties, Clock clock,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor background) {
		Duration ttl = properties.ttl();
		Caffeine<Object, Object> caches = Caffeine.newBuilder()
			.executor(background)
			.ticker(ClockTicker.of(clock))
			.maximumSize(1000)
			.recordStats();   // hits, misses and load times in /actuator/metrics (cache.gets, cache.puts, ...)
		// 0 s: nothing kept, every request computes its answer
		return ttl.isZero() ? caches.expireAfterWrite(ttl)
				: caches.refreshAfterWrite(ttl).expireAfterWrite(ttl.multipliedBy(5));
	}

	/**
	 * Computes an answer again in the background, in a read-only transaction as the request's proxy would. (The
	 * transaction manager is looked up on use: JPA's, which it is, depends on the cache manager.)
	 */
	@Bean
	CacheLoader<Object, Object> readCacheRecompute(ObjectProvider<PlatformTransactionManager> transactions) {
		return key -> {
			TransactionTemplate readOnly = new TransactionTemplate(transactions.getObject());
			readOnly.setReadOnly(true);
			return readOnly.execute(status -> ((ReadCacheKey) key).recompute());
		};
	}

}
