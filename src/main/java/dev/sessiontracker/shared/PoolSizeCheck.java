package dev.sessiontracker.shared;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses a connection pool the service cannot work with, as it is configured, before any connection is taken. A
 * pool of fewer than two connections: Flyway holds two while it migrates, and the user-pattern job reads users on one
 * while it stores their patterns on another, so a pool of one fails later, and only as a connection timeout. A
 * connection timeout below 250 ms: HikariCP refuses 1 to 249 ms itself, but takes 0 as no timeout at all, so that
 * while the database is down every request would wait for it instead of being answered 503.
 */
@Component
class PoolSizeCheck implements BeanPostProcessor {

	static final String PROPERTY = "spring.datasource.hikari.maximum-pool-size";

	static final String TIMEOUT_PROPERTY = "spring.datasource.hikari.connection-timeout";

	// HikariCP's floor
	static final long MIN_TIMEOUT_MILLIS = 250;

	private final Environment environment;

	PoolSizeCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof HikariDataSource pool)) {
			return bean;
		}
		if (pool.getMaximumPoolSize() < 2) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, pool.getMaximumPoolSize(),
					"TRACKER_DB_POOL_SIZE (" + PROPERTY + ") must be at least 2: Flyway holds two connections at "
							+ "start-up, and the user-pattern job one to read users and one to store their patterns.");
		}
		// as configured, since the pool holds 0 as Integer.MAX_VALUE
		Long timeout = this.environment.getProperty(TIMEOUT_PROPERTY, Long.class);
		if (timeout != null && timeout < MIN_TIMEOUT_MILLIS) {
			throw new InvalidConfigurationPropertyValueException(TIMEOUT_PROPERTY, timeout,
					"TRACKER_DB_CONNECTION_TIMEOUT (" + TIMEOUT_PROPERTY + ") must be at least " + MIN_TIMEOUT_MILLIS
							+ " ms: HikariCP takes 0 as no timeout, and every request would then wait for a connection "
							+ "for as long as the database is down instead of being answered 503.");
		}
		return bean;
	}

}
