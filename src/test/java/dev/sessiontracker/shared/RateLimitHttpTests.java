package dev.sessiontracker.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/** One request a second per client, bursts of two: the third of ten quick requests is refused. */
@TestPropertySource(properties = "tracker.limits.per-client-rate=1")
class RateLimitHttpTests extends HttpTest {

	@Test
	void ingestionOverTheClientsRateIs429WithRetryAfterAndReadingIsNotLimited() {
		List<Api.Response> responses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			responses.add(this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "flood-" + i))));
		}

		assertThat(responses.subList(0, 2)).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
		Api.Response refused = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
		assertThat(responses.stream().filter(r -> r.status() == 429).count()).isGreaterThanOrEqualTo(5);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.text("type")).endsWith("/rate-limited");
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.get("/api/v1/sessions/active").status()).isEqualTo(200);
		}
	}

	@Test
	void anAllowedPageCanReadTheRefusalAndItsRetryAfter() {
		Api.Response refused = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			Api.Response response = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "page-" + i)),
					Map.of("Origin", ALLOWED_ORIGIN));
			refused = (response.status() == 429) ? response : null;
		}

		assertThat(refused).as("refused within ten quick starts").isNotNull();
		assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
		assertThat(refused.header("Access-Control-Expose-Headers")).contains("Retry-After");
	}

	@Test
	void aForwardedForHeaderIsNotReadWithoutTheForwardHeadersStrategy() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(this.api
				.post("/api/v1/sessions/start", Api.json(Map.of("userId", "spoof-" + i)),
						Map.of("X-Forwarded-For", "198.51.100." + (i + 1)))
				.status());
		}

		assertThat(statuses).as("one client, whatever it claims to forward").contains(429);
	}

}
