package dev.sessiontracker.stats;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * api.md defines the daily statistics over all the sessions that started on a day and a user's pattern over the
 * user's most recent sessions: by default every session counts, a crawler's too, and a session started by an HTTP
 * library (how scripts and acceptance tests call the API) is no bot.
 */
class AllSessionsCountHttpTests extends HttpTest {

	private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	@BeforeEach
	void noSessions() {
		deleteAllSessions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "python-requests/2.31", "curl/8.4.0" })
	void aSessionStartedByAnHttpLibraryIsNoBotAndCountsInTheDayAndInThePattern(String userAgent) {
		JsonNode session = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "script")),
				Map.of("User-Agent", userAgent)).json();
		this.api.post("/api/v1/sessions/" + session.get("id").asString() + "/end",
				Api.json(Map.of("reason", "logout")));

		assertThat(session.at("/device/bot").asBoolean()).isFalse();
		assertThat(session.at("/device/os").asString()).as("uap-core's family for an OS it cannot place")
			.isEqualTo("Other");
		assertThat(this.api.post("/api/v1/stats/daily/2026-11-24/rollup", null).json().get("totalSessions").asInt())
			.isEqualTo(1);
		JsonNode pattern = this.api.get("/api/v1/sessions/patterns/script").json();
		assertThat(pattern.get("sessionsAnalyzed").asInt()).isEqualTo(1);
		assertThat(pattern.get("pattern").asString()).isEqualTo("quick_checker");
	}

	@Test
	void aCrawlersSessionCountsInStatisticsBouncesInsightsAndPatterns() {
		String bot = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "crawler")),
				Map.of("User-Agent", GOOGLEBOT)).text("id");
		this.api.post("/api/v1/sessions/" + bot + "/end", Api.json(Map.of("reason", "navigation")));
		String human = startSession("human");
		this.api.post("/api/v1/sessions/" + human + "/end", Api.json(Map.of("reason", "navigation")));

		assertThat(this.api.get("/api/v1/sessions/" + bot).json().at("/device/bot").asBoolean()).isTrue();
		assertThat(this.api.post("/api/v1/stats/daily/2026-11-24/rollup", null).json().get("totalSessions").asInt())
			.isEqualTo(2);
		assertThat(this.api.get("/api/v1/sessions/bounces?date=2026-11-24").json().size()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/insights/activity?from=2026-11-24&to=2026-11-24").json().get("sessions")
			.asLong()).isEqualTo(2);
		JsonNode pattern = this.api.get("/api/v1/sessions/patterns/crawler").json();
		assertThat(pattern.get("sessionsAnalyzed").asInt()).isEqualTo(1);
		assertThat(pattern.get("pattern").asString()).isEqualTo("quick_checker");
	}

}
