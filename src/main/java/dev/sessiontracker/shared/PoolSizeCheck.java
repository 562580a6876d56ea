package dev.sessiontracker.shared;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * Refuses a connection pool of fewer than two connections as it is configured, before any is taken: Flyway holds two
 * while it migrates, and the user-pattern job reads users on one while it stores their patterns on another, so a
 * pool of one fails later, and only as a connection timeout.
 */
@Component
class PoolSizeCheck implements BeanPostProcessor {

	static final String PROPERTY = "spring.datasource.hikari.maximum-pool-size";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getMaximumPoolSize() < 2) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, pool.getMaximumPoolSize(),
					"TRACKER_DB_POOL_SIZE (" + PROPERTY + ") must be at least 2: Flyway holds two connections at "
							+ "start-up, and the user-pattern job one to read users and one to store their patterns.");
		}
		return bean;
	}

}
