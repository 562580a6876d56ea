package dev.sessiontracker.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a reverse proxy with {@code server.forward-headers-strategy=native}: the per-client rate counts the clients
 * the proxy names in {@code X-Forwarded-For} (it connects from loopback here), not the proxy itself.
 */
@TestPropertySource(properties = { "tracker.limits.per-client-rate=1", "server.forward-headers-strategy=native" })
class RateLimitBehindProxyHttpTests extends HttpTest {

	@Test
	void eachForwardedClientHasARateOfItsOwn() {
		assertThat(start("198.51.100.1", "a1")).isEqualTo(201);
		assertThat(start("198.51.100.1", "a2")).isEqualTo(201);
		assertThat(start("198.51.100.1", "a3")).as("that client's burst of two is spent").isEqualTo(429);

		assertThat(start("198.51.100.2", "b1")).as("another client behind the same proxy").isEqualTo(201);
		assertThat(start("198.51.100.3", "c1")).isEqualTo(201);
	}

	private int start(String client, String user) {
		return this.api
			.post("/api/v1/sessions/start", Api.json(Map.of("userId", user)), Map.of("X-Forwarded-For", client))
			.status();
	}

}
