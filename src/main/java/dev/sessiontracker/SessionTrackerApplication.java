package dev.sessiontracker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * A self-hosted user session tracker: a browser SDK reports sessions and events, this service stores them in
 * PostgreSQL and answers what they mean.
 * <p>
 * It has no user accounts: reads are authorised by the read key ({@code shared.security}), ingestion is open. So
 * Spring Boot's default in-memory user is left out, and with it the password it generated and logged as a warning
 * at every start, for a login that no endpoint accepts.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SessionTrackerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SessionTrackerApplication.class, args);
	}

}
