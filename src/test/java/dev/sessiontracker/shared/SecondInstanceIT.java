package dev.sessiontracker.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's start command run twice on one machine: the second start on the same embedded data directory refuses
 * with a message saying what to do, and leaves the running instance and its PostgreSQL alone.
 */
class SecondInstanceIT {

	private static final Path DIR = Path.of("target", "second-instance");

	@Test
	void aSecondStartOnTheDataDirectoryOfARunningInstanceRefusesAndLeavesThatInstanceServing() throws Exception {
		FileSystemUtils.deleteRecursively(DIR);
		Path dataDir = DIR.resolve("pgdata").toAbsolutePath();
		Map<String, String> first = Map.of("TRACKER_EMBEDDED_DB_DATA_DIR", dataDir.toString(),
				"TRACKER_EMBEDDED_DB_PORT", Integer.toString(ServiceProcess.freePort()), "TRACKER_SECURITY_READ_KEY",
				"k", "TRACKER_LIMITS_PER_CLIENT_RATE", "0");
		ServiceProcess running = ServiceProcess.start(ServiceProcess.freePort(), first, DIR.resolve("first.log"),
				Duration.ofSeconds(120));
		try {
			Api api = new Api(running.port(), "k");
			String before = api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "first"))).text("id");

			Path secondLog = DIR.resolve("second.log");
			Map<String, String> second = new java.util.HashMap<>(first);
			second.put("SERVER_PORT", Integer.toString(ServiceProcess.freePort()));
			int exit = ServiceProcess.run(List.of(), second, secondLog, Duration.ofSeconds(120));

			assertThat(exit).isNotZero();
			assertThat(Files.readString(secondLog)).contains("is in use by another running instance")
				.contains("TRACKER_EMBEDDED_DB_DATA_DIR")
				.doesNotContain("Stopping PostgreSQL process");
			assertThat(api.get("/api/v1/sessions/" + before).status()).isEqualTo(200);
			assertThat(api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "still-serving"))).status())
				.isEqualTo(201);
		}
		finally {
			running.terminate();
			running.waitForExit(Duration.ofSeconds(60));
		}
	}

}
