package dev.sessiontracker.event;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's events are written as they are read (security audit M5): a session holds up to 10 000 events of up to
 * 8 KiB, 80 MB that were held in memory twice over (rows, then answers) before the first byte was written.
 */
class SessionEventsStreamingHttpTests extends HttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int EVENTS = 10_000; // the most a session holds by default

	private final UUID session = UUID.randomUUID();

	@AfterEach
	void deleteSession() {
		this.jdbc.update("DELETE FROM session_events WHERE session_id = ?", this.session);
		this.jdbc.update("DELETE FROM user_sessions WHERE id = ?", this.session);
	}

	@Test
	void aFullSessionsEventsAreStreamedWholeAndInOrder() throws Exception {
		this.jdbc.update("""
				INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, action_count, exit_reason)
				VALUES (?, 'streamed-events', '2026-11-24T08:00:00Z', '2026-11-24T09:00:00Z', '2026-11-24T09:00:00Z',
				        ?, 'logout')""", this.session, EVENTS);
		// two events to a second, so that the ids order each pair; about 1 KB of data each: 10 MB in all
		this.jdbc.update("""
				INSERT INTO session_events (id, session_id, timestamp, event_type, event_data)
				SELECT gen_random_uuid(), ?, timestamptz '2026-11-24T08:00:00Z' + (e / 2) * interval '1 second',
				       'page_view', jsonb_build_object('n', e, 'pad', repeat(md5(e::text), 32))
				FROM generate_series(1, ?) e""", this.session, EVENTS);

		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/sessions/" + this.session
					+ "/events"))
				.header("Authorization", "Bearer " + READ_KEY)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(answer.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		assertThat(answer.headers().firstValue("Content-Length")).isEmpty();
		List<JsonNode> events = JSON.readTree(answer.body()).valueStream().toList();
		assertThat(events).hasSize(EVENTS);
		assertThat(events).as("by time, then id")
			.isSortedAccordingTo(Comparator.comparing((JsonNode e) -> e.get("timestamp").asString())
				.thenComparing(e -> e.get("id").asString()));
		List<Integer> numbers = new ArrayList<>();
		events.forEach(event -> numbers.add(event.at("/data/n").asInt()));
		assertThat(numbers).doesNotHaveDuplicates().hasSize(EVENTS).allMatch(n -> n >= 1 && n <= EVENTS);
		assertThat(events.get(0).propertyNames()).containsExactly("id", "action", "timestamp", "data");
		assertThat(events.get(0).get("timestamp").asString()).isEqualTo("2026-11-24T08:00:00Z");
		assertThat(events.get(1).get("timestamp").asString()).isEqualTo("2026-11-24T08:00:01Z");
	}

}
