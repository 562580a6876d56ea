package dev.sessiontracker.event;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows written the seed's way, by an import or a SQL backfill, stay valid (api.md, "Storage"). */
class SeedImportHttpTests extends HttpTest {

	@Test
	void sessionsAndEventsInsertedWithTheSeedsColumnsOnlyReadBack() {
		UUID session = this.jdbc.queryForObject("""
				INSERT INTO user_sessions (user_id, start_time, end_time, duration_seconds, device_type, browser,
				    entry_page, exit_page, action_count, error_count, workflow_count)
				VALUES ('imported', '2026-11-23T09:00:00Z', '2026-11-23T09:10:00Z', 600, 'desktop', 'Firefox',
				    '/home', '/docs', 2, 0, 0)
				RETURNING id""", UUID.class);
		this.jdbc.update("""
				INSERT INTO session_events (session_id, timestamp, event_type, event_data)
				VALUES (?, '2026-11-23T09:01:00Z', 'page_view', '{"page": "/home"}'),
				       (?, '2026-11-23T09:05:00Z', 'page_view', '{"page": "/docs"}')""", session, session);

		Api.Response read = this.api.get("/api/v1/sessions/" + session);
		Api.Response events = this.api.get("/api/v1/sessions/" + session + "/events");

		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("duration").asInt()).isEqualTo(600);
		assertThat(read.json().get("actions").asInt()).isEqualTo(2);
		assertThat(events.status()).isEqualTo(200);
		assertThat(events.json()).hasSize(2);
		assertThat(events.json().get(0).get("data").get("page").asString()).isEqualTo("/home");
		assertThat(events.json().get(0).get("id").asString()).isNotEqualTo(events.json().get(1).get("id").asString());
	}

}
