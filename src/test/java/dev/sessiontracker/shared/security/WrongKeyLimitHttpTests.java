package dev.sessiontracker.shared.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tracker.security.wrong-keys-per-minute}: a client may send that many wrong read keys a minute, then none of
 * its keys is compared until the next is due. Clients are told apart by the address a proxy on loopback names in
 * {@code X-Forwarded-For}; each test has clients of its own.
 */
@TestPropertySource(properties = { "tracker.security.wrong-keys-per-minute=3", "server.forward-headers-strategy=native" })
class WrongKeyLimitHttpTests extends HttpTest {

	private static final String STATS = "/api/v1/stats/daily?from=2026-11-24&to=2026-11-24";

	@Test
	void aClientPastItsWrongKeysIsRefusedEveryKeyUntilTheNextIsDue() {
		String guesser = "198.51.100.10";
		for (int i = 0; i < 3; i++) {
			assertThat(get(guesser, "guess-" + i).status()).isEqualTo(401);
		}

		Api.Response refused = get(guesser, "guess-3");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.text("type")).endsWith("/too-many-wrong-keys");
		assertThat(refused.header("Retry-After")).isEqualTo("21"); // one of three a minute: 20 s, rounded up
		assertThat(get(guesser, READ_KEY).status()).as("the right key is not compared either").isEqualTo(429);
		assertThat(new Api(this.port).get(STATS, Map.of("X-Forwarded-For", guesser)).status())
			.as("without a key: refused as always").isEqualTo(401);

		assertThat(get("198.51.100.11", READ_KEY).status()).as("another client").isEqualTo(200);
		assertThat(get("198.51.100.11", "wrong").status()).isEqualTo(401);

		this.clock.advance(Duration.ofSeconds(19));
		assertThat(get(guesser, READ_KEY).status()).isEqualTo(429);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(get(guesser, READ_KEY).status()).as("a token came back, and the right key returns it")
			.isEqualTo(200);
		assertThat(get(guesser, "guess-4").status()).isEqualTo(401);
		assertThat(get(guesser, "guess-5").status()).isEqualTo(429);
	}

	@Test
	void theRightKeyTakesNothingFromTheWrongOnes() {
		String reader = "198.51.100.20";
		for (int i = 0; i < 10; i++) {
			assertThat(get(reader, READ_KEY).status()).isEqualTo(200);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(get(reader, "typo-" + i).status()).isEqualTo(401);
		}
		assertThat(get(reader, READ_KEY).status()).isEqualTo(429);
	}

	@Test
	void keysInEitherHeaderCount() {
		String guesser = "198.51.100.30";
		for (int i = 0; i < 3; i++) {
			assertThat(new Api(this.port).get(STATS, Map.of("X-Forwarded-For", guesser, "X-Api-Key", "guess-" + i))
				.status()).isEqualTo(401);
		}
		assertThat(get(guesser, READ_KEY).status()).isEqualTo(429);
	}

	private Api.Response get(String client, String key) {
		return new Api(this.port, key).get(STATS, Map.of("X-Forwarded-For", client));
	}

}
