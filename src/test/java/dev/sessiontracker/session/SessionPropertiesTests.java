package dev.sessiontracker.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings the lifecycle cannot work with stop start-up with a message that names them. */
class SessionPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@ParameterizedTest
	@CsvSource({ "idle-timeout, PT0S, idleTimeout", "sweep-interval, -PT1M, sweepInterval",
			"active-refresh, -PT1S, activeRefresh", "sweep-chunk, 0, sweepChunk" })
	void aSettingOutOfRangeIsNamed(String setting, String value, String field) {
		this.context.withPropertyValues("tracker.session." + setting + "=" + value)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("on field 'session." + field + "'"));
	}

	@ParameterizedTest
	@CsvSource({ "idle-timeout, PT0.06S", "active-refresh, PT0S", "sweep-pause-factor, 0" })
	void theSmallestUsefulValuesAreAccepted(String setting, String value) {
		this.context.withPropertyValues("tracker.session." + setting + "=" + value)
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SessionProperties.class)
	static class Properties {

	}

}
