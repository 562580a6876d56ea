package dev.sessiontracker.event;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrying a batch is always safe (api.md): a batch the session took before it ended, retried because its answer was
 * lost, is acknowledged as duplicates instead of being refused, which would make a client send it to a new session.
 */
class RetryAfterEndHttpTests extends HttpTest {

	@Test
	void aBatchTheSessionTookBeforeItEndedIsAcknowledgedAsDuplicates() {
		String session = startSession("retrier");
		String batch = batch(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		assertThat(this.api.post(events(session), batch).status()).isEqualTo(202);
		end(session);

		Api.Response retry = this.api.post(events(session), batch);

		assertThat(retry.status()).isEqualTo(202);
		assertThat(retry.json().get("accepted").asInt()).isZero();
		assertThat(retry.json().get("duplicates").asInt()).isEqualTo(3);
		assertThat(stored(session)).isEqualTo(3);
		Api.Response read = this.api.get("/api/v1/sessions/" + session);
		assertThat(read.json().get("actions").asInt()).isEqualTo(3);
		assertThat(read.json().get("endTime").isNull()).isFalse();
	}

	@Test
	void aBatchWithAnythingNewIsStillRefusedByAnEndedSession() {
		String session = startSession("retrier");
		UUID stored = UUID.randomUUID();
		assertThat(this.api.post(events(session), batch(stored)).status()).isEqualTo(202);
		end(session);

		Api.Response partlyNew = this.api.post(events(session), batch(stored, UUID.randomUUID()));
		Api.Response withoutIds = this.api.post(events(session),
				Api.json(Map.of("events", List.of(Map.of("action", "click")))));
		Api.Response single = this.api.post("/api/v1/sessions/" + session + "/event",
				Api.json(Map.of("id", UUID.randomUUID().toString(), "action", "click")));

		for (Api.Response refused : List.of(partlyNew, withoutIds, single)) {
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.text("type")).endsWith("/session-ended");
		}
		assertThat(stored(session)).isEqualTo(1);
	}

	@Test
	void aSingleEventRetriedAfterTheEndIsADuplicate() {
		String session = startSession("retrier");
		String event = Api.json(Map.of("id", UUID.randomUUID().toString(), "action", "click"));
		assertThat(this.api.post("/api/v1/sessions/" + session + "/event", event).status()).isEqualTo(202);
		end(session);

		Api.Response retry = this.api.post("/api/v1/sessions/" + session + "/event", event);

		assertThat(retry.status()).isEqualTo(202);
		assertThat(retry.json().get("duplicates").asInt()).isEqualTo(1);
	}

	@Test
	void anUnknownSessionIsStillNotFound() {
		Api.Response unknown = this.api.post(events(UUID.randomUUID().toString()), batch(UUID.randomUUID()));

		assertThat(unknown.status()).isEqualTo(404);
	}

	private void end(String session) {
		assertThat(this.api.post("/api/v1/sessions/" + session + "/end", "{\"reason\":\"logout\"}").status())
			.isEqualTo(200);
	}

	private long stored(String session) {
		return this.jdbc.queryForObject("SELECT count(*) FROM session_events WHERE session_id = ?::uuid", Long.class,
				session);
	}

	private static String events(String session) {
		return "/api/v1/sessions/" + session + "/events";
	}

	private static String batch(UUID... ids) {
		return Api.json(Map.of("events", java.util.Arrays.stream(ids)
			.map(id -> Map.of("id", id.toString(), "action", "click"))
			.toList()));
	}

}
