package dev.sessiontracker.shared;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = { "tracker.limits.max-active-sessions-per-user=2",
		"tracker.limits.max-events-per-session=5", "tracker.limits.max-data-depth=3" })
class SessionLimitsHttpTests extends HttpTest {

	@Test
	void aUserHoldsAtMostTheConfiguredActiveSessions() {
		String first = startSession("capped");
		startSession("capped");

		Api.Response third = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "capped")));

		assertThat(third.status()).isEqualTo(429);
		assertThat(third.text("type")).endsWith("/too-many-sessions");
		assertThat(third.header("Retry-After")).isEqualTo("1800");
		this.api.post("/api/v1/sessions/" + first + "/end", Api.json(Map.of("reason", "logout")));
		assertThat(this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "capped"))).status())
			.isEqualTo(201);
	}

	@Test
	void aBatchThatWouldPassTheEventLimitIsRefusedWholeAndStoresNothing() {
		String id = startSession("busy");
		assertThat(post(id, 3).status()).isEqualTo(202);

		Api.Response over = post(id, 3);

		assertThat(over.status()).isEqualTo(409);
		assertThat(over.text("type")).endsWith("/event-limit-reached");
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isEqualTo(3);
		assertThat(post(id, 2).status()).isEqualTo(202);
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isEqualTo(5);
	}

	@Test
	void dataNestedDeeperThanTheLimitIs400() {
		String id = startSession("deep");

		Api.Response deep = this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(Map.of("action", "a", "data", Map.of("b", Map.of("c", List.of(Map.of("d", 1)))))));
		Api.Response fine = this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(Map.of("action", "a", "data", Map.of("b", Map.of("c", List.of(1))))));

		assertThat(deep.status()).isEqualTo(400);
		assertThat(deep.text("field")).isEqualTo("data");
		assertThat(fine.status()).isEqualTo(202);
	}

	private Api.Response post(String id, int events) {
		return this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events",
				java.util.stream.IntStream.range(0, events).mapToObj(i -> Map.of("action", "a")).toList())));
	}

}
