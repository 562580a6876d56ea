package dev.sessiontracker.stats;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class BotExclusionHttpTests extends HttpTest {

	private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	@Test
	void botSessionsAreFlaggedButLeftOutOfStatisticsInsightsBouncesAndPatterns() {
		deleteAllSessions();
		String bot = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "crawler")),
				Map.of("User-Agent", GOOGLEBOT)).text("id");
		this.api.post("/api/v1/sessions/" + bot + "/end", Api.json(Map.of("reason", "navigation")));
		String human = startSession("human");
		this.api.post("/api/v1/sessions/" + human + "/end", Api.json(Map.of("reason", "navigation")));

		assertThat(this.api.get("/api/v1/sessions/" + bot).json().at("/device/bot").asBoolean()).isTrue();
		assertThat(this.api.get("/api/v1/stats/daily/2026-11-24/rollup").status()).isEqualTo(405);
		assertThat(this.api.post("/api/v1/stats/daily/2026-11-24/rollup", null).json().get("totalSessions").asInt())
			.isEqualTo(1);
		assertThat(this.api.get("/api/v1/sessions/bounces?date=2026-11-24").json().size()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/insights/activity?from=2026-11-24&to=2026-11-24").json().get("sessions")
			.asLong()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/sessions/patterns/crawler").json().get("pattern").asString())
			.isEqualTo("new_user");
	}

}
