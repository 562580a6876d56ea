package dev.sessiontracker.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** A password given in SPRING_DATASOURCE_URL does not end up in the log. */
@ExtendWith(OutputCaptureExtension.class)
class PasswordInUrlLoggingTests {

	@Test
	void aStartWithThePasswordInTheUrlLogsItNowhere(CapturedOutput output) {
		TestDatabase db = TestDatabase.get();
		String url = db.createDatabase("password_in_url");
		// the tests' own PostgreSQL may trust every connection (then the password is empty, and the check is that
		// "password=" appears only as Flyway masks it)
		String withPassword = url + (url.contains("?") ? "&" : "?") + "password=" + db.password();

		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SessionTrackerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + withPassword, "spring.datasource.username=" + db.username(),
					"tracker.scheduling.enabled=false")
			.run()) {
			assertThat(output.getOut()).contains("Successfully applied")
				.doesNotContain("Database JDBC URL")
				.doesNotContainPattern("password=(?!\\*)");
		}
	}

}
