package dev.sessiontracker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * api.md: a session silent for the idle timeout is closed with reason timeout, its end at its last activity, not at
 * the sweep's time. Every answer reads it so from the moment it times out, the same before the sweep and after it.
 */
class TimedOutSessionHttpTests extends HttpTest {

	@Test
	void aTimedOutSessionReadsAsEndedBeforeTheSweepExactlyAsAfterIt() {
		deleteAllSessions();
		String user = "timed-out-reader";
		String id = this.api
			.post("/api/v1/sessions/start", Api.json(Map.of("userId", user, "entry", Map.of("page", "/home"))))
			.text("id");
		this.clock.advance(Duration.ofSeconds(40));
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events",
				List.of(Map.of("action", "page_view", "data", Map.of("page", "/pricing")),
						Map.of("action", "workflow_start", "data", Map.of("workflowId", "checkout")),
						Map.of("action", "save")))));
		Instant lastActivity = this.clock.advance(Duration.ofSeconds(35));
		this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);
		this.clock.advance(Duration.ofMinutes(31));

		List<String> reads = List.of("/api/v1/sessions/" + id, "/api/v1/sessions/user/" + user + "/history",
				"/api/v1/sessions/" + id + "/pattern", "/api/v1/sessions/patterns/" + user,
				"/api/v1/users/" + user + "/export", "/api/v1/sessions/" + id + "/abandoned-workflows");
		List<String> before = reads.stream().map(this::body).toList();

		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("active").asBoolean()).isFalse();
		assertThat(Instant.parse(session.get("endTime").asString())).isEqualTo(lastActivity);
		assertThat(session.get("duration").asLong()).isEqualTo(75);
		assertThat(session.at("/exit/reason").asString()).isEqualTo("timeout");
		assertThat(session.at("/exit/page").asString()).isEqualTo("/pricing");
		assertThat(session.at("/exit/lastAction").asString()).isEqualTo("save");
		assertThat(this.api.get("/api/v1/sessions/" + id + "/pattern").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/sessions/" + id + "/abandoned-workflows").json().at("/0/workflowId")
			.asString()).isEqualTo("checkout");
		assertThat(this.api.get("/api/v1/sessions/patterns/" + user).json().get("avgDuration").asLong()).isEqualTo(75);
		JsonNode exported = this.api.get("/api/v1/users/" + user + "/export").json().at("/sessions/0");
		assertThat(Instant.parse(exported.get("endTime").asString())).isEqualTo(lastActivity);
		assertThat(exported.get("duration").asLong()).isEqualTo(75);
		assertThat(exported.at("/exit/reason").asString()).isEqualTo("timeout");

		assertThat(this.api.post("/api/v1/jobs/idle-session-closer", null).json().get("rows").asLong()).isOne();

		assertThat(reads.stream().map(this::body).toList()).isEqualTo(before);
	}

	@Test
	void aShortSessionThatTimedOutIsABounceBeforeTheSweep() {
		deleteAllSessions();
		String bounce = startSession("silent-bounce");
		this.clock.advance(Duration.ofSeconds(29));
		this.api.post("/api/v1/sessions/" + bounce + "/heartbeat", null);
		String longer = startSession("silent-stay");
		this.clock.advance(Duration.ofSeconds(30));
		this.api.post("/api/v1/sessions/" + longer + "/heartbeat", null);
		String open = startSession("still-here");
		this.clock.advance(Duration.ofMinutes(20));
		this.api.post("/api/v1/sessions/" + open + "/heartbeat", null);
		this.clock.advance(Duration.ofMinutes(11));

		JsonNode bounces = this.api.get("/api/v1/sessions/bounces?date=2026-11-24").json();

		assertThat(bounces.valueStream().map(s -> s.get("id").asString())).containsExactly(bounce);
		assertThat(bounces.get(0).at("/exit/reason").asString()).isEqualTo("timeout");
		assertThat(bounces.get(0).get("duration").asLong()).isEqualTo(29);
	}

	private String body(String path) {
		Api.Response response = this.api.get(path);
		assertThat(response.status()).as(path).isEqualTo(200);
		return response.body();
	}

}
