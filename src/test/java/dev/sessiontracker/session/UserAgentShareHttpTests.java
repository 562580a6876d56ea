package dev.sessiontracker.session;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tracker.limits.new-user-agents-per-client}: the User-Agents not seen before that one client's starts may have
 * parsed. Clients are the addresses a proxy on loopback names in {@code X-Forwarded-For}.
 */
@TestPropertySource(properties = { "tracker.limits.new-user-agents-per-client=1",
		"server.forward-headers-strategy=native" })
class UserAgentShareHttpTests extends HttpTest {

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/131.0.0.0 Safari/537.36";

	@Test
	void startsPastAClientsShareOfNewUserAgentsGetUnknownFamiliesAndOtherClientsTheirOwn() {
		String flooder = "198.51.100.40";
		assertThat(browser(flooder, CHROME + " a/1")).isEqualTo("Chrome");
		assertThat(browser(flooder, CHROME + " a/2")).isEqualTo("Chrome"); // a burst of two
		assertThat(browser(flooder, CHROME + " a/3")).as("past its share").isEqualTo("Other");
		assertThat(browser(flooder, CHROME + " a/1")).as("seen before: from the cache").isEqualTo("Chrome");

		assertThat(browser("198.51.100.41", CHROME + " a/3")).as("another client").isEqualTo("Chrome");
	}

	private String browser(String client, String userAgent) {
		JsonNode session = this.api
			.post("/api/v1/sessions/start", Api.json(Map.of("userId", "ua-share")),
					Map.of("User-Agent", userAgent, "X-Forwarded-For", client))
			.json();
		return session.at("/device/browser").asString();
	}

}
