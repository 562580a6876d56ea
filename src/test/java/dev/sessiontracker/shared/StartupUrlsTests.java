package dev.sessiontracker.shared;

import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.boot.info.BuildProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up line names the build that runs, so that one version can be told from another after an upgrade. */
class StartupUrlsTests {

	@Test
	void theReadyLineNamesTheVersionAndBuildTime() {
		Properties info = new Properties();
		info.setProperty("version", "0.2.0");
		info.setProperty("time", "2026-12-01T04:38:26.993Z");

		assertThat(StartupUrls.line(Optional.of(new BuildProperties(info)), 8080))
			.startsWith("Session tracker 0.2.0 (built 2026-12-01T04:38:26.993Z) ready. API: "
					+ "http://localhost:8080/api/v1/sessions ");
	}

	@Test
	void withoutBuildInformationTheLineStillGivesTheUrls() {
		assertThat(StartupUrls.line(Optional.empty(), 8080))
			.startsWith("Session tracker ready. API: http://localhost:8080/api/v1/sessions ");
	}

}
