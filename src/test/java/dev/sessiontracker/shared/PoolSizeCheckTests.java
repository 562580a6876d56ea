package dev.sessiontracker.shared;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection pool the service cannot work with stops start-up, naming TRACKER_DB_POOL_SIZE or
 * TRACKER_DB_CONNECTION_TIMEOUT.
 */
class PoolSizeCheckTests {

	// No connection is made: the pool is only configured.
	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
		.withBean(PoolSizeCheck.class)
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none");

	@Test
	void aPoolOfOneIsRefusedNamingTheSetting() {
		this.context.withPropertyValues(PoolSizeCheck.PROPERTY + "=1")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("TRACKER_DB_POOL_SIZE (spring.datasource.hikari.maximum-pool-size) must be at "
						+ "least 2"));
	}

	@Test
	void aPoolOfTwoIsTaken() {
		this.context.withPropertyValues(PoolSizeCheck.PROPERTY + "=2").run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void aConnectionTimeoutOfZeroWhichHikariTakesAsNoTimeoutIsRefusedNamingTheSetting() {
		this.context.withPropertyValues(PoolSizeCheck.TIMEOUT_PROPERTY + "=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("TRACKER_DB_CONNECTION_TIMEOUT (spring.datasource.hikari.connection-timeout) "
						+ "must be at least 250 ms"));
	}

	@Test
	void aConnectionTimeoutOf250MillisecondsIsTaken() {
		this.context.withPropertyValues(PoolSizeCheck.TIMEOUT_PROPERTY + "=250")
			.run(context -> assertThat(context).hasNotFailed());
	}

}
