package dev.sessiontracker.stats;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who wants crawlers and monitors left out sets the two include-bots settings to false: their sessions are
 * still stored and flagged, and left out of every aggregate. By default they count ({@link AllSessionsCountHttpTests}).
 */
@TestPropertySource(properties = { "tracker.stats.include-bots=false", "tracker.patterns.include-bots=false" })
class BotExclusionHttpTests extends HttpTest {

	private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	private String bot;

	@BeforeEach
	void aCrawlerAndAHumanEachEndedASession() {
		deleteAllSessions();
		this.bot = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "crawler")),
				Map.of("User-Agent", GOOGLEBOT)).text("id");
		this.api.post("/api/v1/sessions/" + this.bot + "/end", Api.json(Map.of("reason", "navigation")));
		String human = startSession("human");
		this.api.post("/api/v1/sessions/" + human + "/end", Api.json(Map.of("reason", "navigation")));
	}

	@Test
	void botSessionsAreStoredAndFlagged() {
		assertThat(this.api.get("/api/v1/sessions/" + this.bot).json().at("/device/bot").asBoolean()).isTrue();
	}

	@Test
	void dailyStatisticsLeaveBotsOut() {
		assertThat(this.api.get("/api/v1/stats/daily/2026-11-24/rollup").status()).isEqualTo(405);
		assertThat(this.api.post("/api/v1/stats/daily/2026-11-24/rollup", null).json().get("totalSessions").asInt())
			.isEqualTo(1);
	}

	@Test
	void bouncesLeaveBotsOut() {
		assertThat(this.api.get("/api/v1/sessions/bounces?date=2026-11-24").json().size()).isEqualTo(1);
	}

	@Test
	void insightsLeaveBotsOut() {
		assertThat(this.api.get("/api/v1/insights/activity?from=2026-11-24&to=2026-11-24").json().get("sessions")
			.asLong()).isEqualTo(1);
	}

	@Test
	void patternsLeaveBotsOut() {
		assertThat(this.api.get("/api/v1/sessions/patterns/crawler").json().get("pattern").asString())
			.isEqualTo("new_user");
	}

}
