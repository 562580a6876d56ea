package dev.sessiontracker.pattern;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class PatternHttpTests extends HttpTest {

	@Autowired
	UserPatternRefresher refresher;

	@Test
	void aUserWithoutSessionsIsANewUserWithFullConfidence() {
		JsonNode pattern = this.api.get("/api/v1/sessions/patterns/nobody-at-all").json();

		assertThat(pattern.get("userId").asString()).isEqualTo("nobody-at-all");
		assertThat(pattern.get("pattern").asString()).isEqualTo("new_user");
		assertThat(pattern.get("sessionsAnalyzed").asInt()).isZero();
		assertThat(pattern.get("confidence").asDouble()).isEqualTo(1.0);
	}

	@Test
	void longIntenseSessionsMakeAPowerUserWithIndicators() {
		for (int i = 0; i < 4; i++) {
			Instant start = T0.minus(Duration.ofDays(i + 1));
			insertSession("power", start, start.plusSeconds(2400), 60, 0, "/", "/");
		}

		JsonNode pattern = this.api.get("/api/v1/sessions/patterns/power").json();

		assertThat(pattern.get("pattern").asString()).isEqualTo("power_user");
		assertThat(pattern.get("sessionsAnalyzed").asInt()).isEqualTo(4);
		assertThat(pattern.get("avgDuration").asDouble()).isEqualTo(2400.0);
		assertThat(pattern.get("avgActions").asDouble()).isEqualTo(60.0);
		assertThat(pattern.get("confidence").asDouble()).isBetween(0.0, 1.0);
		assertThat(pattern.get("indicators").valueStream().map(JsonNode::asString))
			.anyMatch(i -> i.contains("2400") && i.contains("1800"));
	}

	@Test
	void anEndedSessionIsClassifiedFromItsOwnEventsAndAnOpenOneIs409() {
		String id = startSession("focused");
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events", List.of(
				Map.of("action", "page_view", "data", Map.of("page", "/cart")),
				Map.of("action", "workflow_start", "data", Map.of("workflowId", "checkout")),
				Map.of("action", "page_view", "data", Map.of("page", "/pay")),
				Map.of("action", "workflow_complete", "data", Map.of("workflowId", "checkout"))))));

		Api.Response open = this.api.get("/api/v1/sessions/" + id + "/pattern");
		this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")));
		JsonNode pattern = this.api.get("/api/v1/sessions/" + id + "/pattern").json();

		assertThat(open.status()).isEqualTo(409);
		assertThat(open.text("type")).endsWith("/session-open");
		assertThat(pattern.get("type").asString()).isEqualTo("task_focused");
		assertThat(pattern.get("indicators").size()).isPositive();
		assertThat(this.api.get("/api/v1/sessions/0193a8d2-0000-7000-8000-000000000000/pattern").status())
			.isEqualTo(404);
	}

	@Test
	void theRefreshJobStoresThePatternOfEveryRecentlyActiveUser() {
		deleteAllSessions();
		insertSession("quick", T0.minus(Duration.ofHours(3)), T0.minus(Duration.ofHours(3)).plusSeconds(20), 1, 0,
				"/", "/");
		insertSession("old", T0.minus(Duration.ofDays(5)), T0.minus(Duration.ofDays(5)).plusSeconds(20), 1, 0, "/",
				"/");

		this.refresher.refreshUserPatterns();

		assertThat(this.jdbc.queryForList("SELECT user_id || '=' || pattern FROM user_patterns", String.class))
			.containsExactly("quick=quick_checker");
	}

}
