package dev.sessiontracker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A self-hosted user session tracker: a browser SDK reports sessions and events, this service stores them in
 * PostgreSQL and answers what they mean.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SessionTrackerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SessionTrackerApplication.class, args);
	}

}
