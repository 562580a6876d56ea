package dev.sessiontracker.shared;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body must arrive within tracker.limits.body-read-timeout of its first read, however it is sent: a trickle that
 * keeps Tomcat's read timeout from ever expiring is answered 408, and so is a body that stops arriving.
 */
@TestPropertySource(properties = "tracker.limits.body-read-timeout=1s")
class BodyReadTimeoutHttpTests extends HttpTest {

	private static final String START = "/api/v1/sessions/start";

	@Test
	void aBodyTrickledPastTheDeadlineIs408AndNothingIsStored() throws Exception {
		String user = "trickle-" + UUID.randomUUID();
		String answer;
		try (SlowClient client = SlowClient.open(this.port, START, 2000, "{\"userId\":\"" + user + "\",\"x\":\"")) {
			// 300 bytes 100 ms apart would take 30 s; the deadline is 1 s.
			answer = client.trickleUntilAnswered(Duration.ofMillis(100), 300);
		}

		assertTimedOut(answer);
		assertThat(answer).contains("\"detail\":\"The request body did not arrive within the limit of 1 s.\"");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE user_id LIKE 'trickle-%'",
				Long.class))
			.isZero();
	}

	@Test
	void aBodyThatStopsArrivingIs408AfterTheDeadlineNotAfterTomcatsMinute() throws Exception {
		String answer;
		try (SlowClient client = SlowClient.open(this.port, START, 2000, "{\"userId\":\"silent\",\"x\":\"")) {
			answer = client.answer(Duration.ofSeconds(20));
		}

		assertTimedOut(answer);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE user_id = 'silent'", Long.class))
			.isZero();
	}

	private static void assertTimedOut(String answer) {
		assertThat(answer).startsWith("HTTP/1.1 408 ");
		assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
			.containsIgnoringCase("Connection: close")
			.contains("\"type\":\"/problems/request-timeout\"", "\"status\":408");
	}

}
