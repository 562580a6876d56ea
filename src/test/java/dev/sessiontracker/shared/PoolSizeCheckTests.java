package dev.sessiontracker.shared;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection pool the service cannot work with stops start-up, naming TRACKER_DB_POOL_SIZE. */
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

}
