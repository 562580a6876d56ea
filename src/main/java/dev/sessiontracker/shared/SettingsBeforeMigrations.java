package dev.sessiontracker.shared;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessiontracker.SessionTrackerApplication;

/**
 * Binds, and so checks, every {@code tracker.*} setting before Flyway migrates. Each module's settings are bound when
 * the first bean that uses them is made, some after the migrations: a mistyped value ({@code
 * TRACKER_SESSION_IDLE_TIMEOUT='30 minutes'}) stopped the start of an upgrade only once the database was migrated,
 * which the version before then refuses to start on. Flyway applies its customizers as it is made, before it
 * migrates, so this one makes the service's settings beans first.
 */
@Configuration(proxyBeanMethods = false)
class SettingsBeforeMigrations {

	@Bean
	FlywayConfigurationCustomizer settingsCheckedBeforeMigrations(ListableBeanFactory beans) {
		String ours = SessionTrackerApplication.class.getPackageName() + ".";
		return configuration -> {
			for (String name : beans.getBeanNamesForAnnotation(ConfigurationProperties.class)) {
				Class<?> type = beans.getType(name);
				if (type != null && type.getName().startsWith(ours)
						&& type.isAnnotationPresent(ConfigurationProperties.class)) {
					beans.getBean(name);
				}
			}
		};
	}

}
