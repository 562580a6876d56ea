package dev.sessiontracker.event;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

	@Test
	void countersImportedAsNullAreCountedFromTheSessionsEvents() {
		// An export's empty cells: the seed's counters are nullable there. The events come first, as the README asks.
		UUID session = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO session_events (session_id, timestamp, event_type, event_data)
				VALUES (?, '2026-11-23T09:01:00Z', 'page_view', '{"page": "/home"}'),
				       (?, '2026-11-23T09:02:00Z', 'workflow_start', '{"workflowId": "checkout"}'),
				       (?, '2026-11-23T09:03:00Z', 'workflow_start', '{}'),
				       (?, '2026-11-23T09:04:00Z', 'error', '{"message": "boom"}'),
				       (?, '2026-11-23T09:05:00Z', 'error', NULL)""", session, session, session, session, session);
		this.jdbc.update("""
				INSERT INTO user_sessions (id, user_id, start_time, end_time, entry_page, action_count, error_count,
				    workflow_count)
				VALUES (?, 'imported-nulls', '2026-11-23T09:00:00Z', '2026-11-23T09:10:00Z', '/home', NULL, NULL, NULL),
				       (?, 'imported-nulls', '2026-11-23T10:00:00Z', NULL, '/home', 7, NULL, 1)""",
				session, UUID.randomUUID());

		JsonNode counted = this.api.get("/api/v1/sessions/" + session).json();
		JsonNode history = this.api.get("/api/v1/sessions/user/imported-nulls/history").json();

		assertThat(counted.get("actions").asInt()).isEqualTo(5);
		assertThat(counted.get("errors").asInt()).isEqualTo(2);
		assertThat(counted.get("workflows").asInt()).as("a workflow_start without a workflowId is none").isEqualTo(1);
		assertThat(history.valueStream().map(s -> s.get("actions").asInt() + "/" + s.get("errors").asInt() + "/"
				+ s.get("workflows").asInt())).as("given counters kept, the NULL one counted: no events")
			.containsExactly("7/0/1", "5/2/1");
	}

	@Test
	void anImportedEndedSessionGetsItsDurationLastActivityAndExitPageFromItsOwnTimesAndPageViews() {
		// as the seed's sketch leaves them: no duration, or timedelta.seconds (a 25-hour session as 3600 s); no
		// exit page; no last activity. The second one's page views are imported before it.
		deleteAllSessions();
		UUID viewed = UUID.fromString("00000000-0000-0000-0022-000000000002");
		this.jdbc.update("""
				INSERT INTO session_events (session_id, timestamp, event_type, event_data)
				VALUES (?, '2026-11-22T11:01:00Z', 'page_view', '{"page": "/p1"}'),
				       (?, '2026-11-22T11:02:00Z', 'page_view', '{"page": "/p2"}'),
				       (?, '2026-11-22T11:03:00Z', 'click', NULL)""", viewed, viewed, viewed);
		this.jdbc.update("""
				INSERT INTO user_sessions (id, user_id, start_time, end_time, duration_seconds, entry_page, exit_page,
				    action_count)
				VALUES ('00000000-0000-0000-0022-000000000001', 'i1', '2026-11-22T10:00:00Z', '2026-11-22T10:00:20Z',
				        NULL, '/e', NULL, 0),
				       (?, 'i2', '2026-11-22T11:00:00Z', '2026-11-22T11:10:00Z', NULL, '/en', NULL, 3),
				       ('00000000-0000-0000-0022-000000000003', 'i3', '2026-11-22T12:00:00Z', '2026-11-23T13:00:00Z',
				        3600, '/f', '/g', 4)""", viewed);

		JsonNode bounce = this.api.get("/api/v1/sessions/00000000-0000-0000-0022-000000000001").json();
		JsonNode pages = this.api.get("/api/v1/sessions/" + viewed).json();
		JsonNode day = this.api.get("/api/v1/sessions/00000000-0000-0000-0022-000000000003").json();
		JsonNode stats = this.api.post("/api/v1/stats/daily/2026-11-22/rollup", null).json();

		assertThat(bounce.get("duration").asInt()).isEqualTo(20);
		assertThat(bounce.get("lastSeen").asString()).isEqualTo("2026-11-22T10:00:20Z");
		assertThat(bounce.get("exit").get("page").asString()).as("no page view: the entry page").isEqualTo("/e");
		assertThat(pages.get("duration").asInt()).isEqualTo(600);
		assertThat(pages.get("exit").get("page").asString()).as("the last page view").isEqualTo("/p2");
		assertThat(day.get("duration").asInt()).isEqualTo(90000);
		assertThat(this.api.get("/api/v1/sessions/bounces?date=2026-11-22").json().valueStream()
			.map(s -> s.get("id").asString())).containsExactly("00000000-0000-0000-0022-000000000001");
		assertThat(stats.get("avgDurationSeconds").asInt()).as("(20 + 600 + 90000) / 3").isEqualTo(30207);
		assertThat(stats.get("bounceRate").decimalValue()).isEqualByComparingTo("33.33");
		assertThat(stats.get("mostCommonExit").asString()).as("/e, /g and /p2 once each").isEqualTo("/e");
	}

}
