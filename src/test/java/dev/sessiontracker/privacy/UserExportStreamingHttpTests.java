package dev.sessiontracker.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.RowLocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A user's export is written as it is read (security audit M5): built whole, a user with enough events made
 * PostgreSQL refuse it (a JSON value may not pass 1 GB) and the service hold it all in memory. The export reads the
 * user's workflows after each session's events and the stored pattern last; a lock on either table, held by the test,
 * stops the export there, so the test knows without waiting on a clock what it has read and what not.
 */
class UserExportStreamingHttpTests extends HttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USERS = "streamed-export-%";

	private final HttpClient client = HttpClient.newHttpClient();

	@AfterEach
	void eraseUsers() {
		this.jdbc.update("DELETE FROM session_events WHERE session_id IN "
				+ "(SELECT id FROM user_sessions WHERE user_id LIKE ?)", USERS);
		this.jdbc.update("DELETE FROM workflow_executions WHERE session_id IN "
				+ "(SELECT id FROM user_sessions WHERE user_id LIKE ?)", USERS);
		this.jdbc.update("DELETE FROM user_sessions WHERE user_id LIKE ?", USERS);
		this.jdbc.update("DELETE FROM user_patterns WHERE user_id LIKE ?", USERS);
	}

	@Test
	void aLargeExportBeginsBeforeItIsReadWholeAndHoldsEverySessionAndEventInOrder() throws Exception {
		String user = "streamed-export-large";
		int sessions = 24;
		int events = 250; // of about 4 KB each: 24 MB in all
		plant(user, sessions, events);
		this.jdbc.update("INSERT INTO user_patterns VALUES (?, 'power_user', 0.85, now(), now())", user);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		HttpResponse<InputStream> answer;
		try (Connection lock = RowLocks.open(); Statement sql = lock.createStatement()) {
			sql.execute("LOCK TABLE user_patterns IN ACCESS EXCLUSIVE MODE"); // the export reads it last
			answer = export(user);
			InputStream in = answer.body();
			byte[] first = CompletableFuture.supplyAsync(() -> read(in, 1 << 20)).get(10, TimeUnit.SECONDS);
			assertThat(first).as("the first MB, sent while the export cannot have read the pattern yet")
				.hasSize(1 << 20);
			body.write(first);
			lock.rollback();
		}
		answer.body().transferTo(body);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(answer.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		assertThat(answer.headers().firstValue("Content-Length")).isEmpty();
		assertThat(body.size()).as("bytes").isGreaterThan(sessions * events * 4000);
		JsonNode export = JSON.readTree(body.toByteArray());
		assertThat(export.get("userId").asString()).isEqualTo(user);
		assertThat(export.at("/pattern/pattern").asString()).isEqualTo("power_user");
		assertThat(export.get("sessions").size()).isEqualTo(sessions);
		for (int s = 0; s < sessions; s++) {
			JsonNode session = export.get("sessions").get(s);
			assertThat(session.get("startTime").asString()).as("session %d", s)
				.isEqualTo("2026-11-%02dT%02d:00:00.000000Z".formatted(1 + (s + 1) / 24, (s + 1) % 24));
			assertThat(session.get("workflowExecutions").valueStream().map(w -> w.get("workflowId").asString()))
				.containsExactly("a-flow", "b-flow");
			List<JsonNode> stored = session.get("events").valueStream().toList();
			assertThat(stored).as("events of session %d", s).hasSize(events);
			assertThat(stored).as("by time, then id").isSortedAccordingTo(
					Comparator.comparing((JsonNode e) -> e.get("timestamp").asString())
						.thenComparing(e -> e.get("id").asString()));
			assertThat(stored.stream().map(e -> e.at("/data/n").asInt()))
				.containsExactlyInAnyOrderElementsOf(numbers(events));
		}
	}

	@Test
	void anExportIsOneSnapshotOfTheUsersDataWhileItIsWritten() throws Exception {
		String user = "streamed-export-snapshot";
		plant(user, 3, 5);
		List<UUID> sessions = this.jdbc.queryForList(
				"SELECT id FROM user_sessions WHERE user_id = ? ORDER BY start_time", UUID.class, user);
		CompletableFuture<HttpResponse<String>> answer;
		try (Connection lock = RowLocks.open(); Statement sql = lock.createStatement()) {
			sql.execute("LOCK TABLE workflow_executions IN ACCESS EXCLUSIVE MODE");
			answer = this.client.sendAsync(request(user), HttpResponse.BodyHandlers.ofString());
			// the export has read the sessions and the first one's events, and waits to read its workflows
			await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waiting("%workflow_executions%") == 1);

			// meanwhile the user goes on: one statement after another would show all of it
			this.jdbc.update("INSERT INTO session_events (session_id, timestamp, event_type) VALUES (?, now(), 'late')",
					sessions.get(2));
			this.jdbc.update("DELETE FROM session_events WHERE session_id = ?", sessions.get(1));
			this.jdbc.update("INSERT INTO user_patterns VALUES (?, 'power_user', 0.85, now(), now())", user);
			sql.executeUpdate("INSERT INTO workflow_executions (session_id, workflow_id, started_at) VALUES ('"
					+ sessions.get(2) + "', 'late-flow', now())");
			lock.commit();
		}

		JsonNode export = JSON.readTree(answer.get(10, TimeUnit.SECONDS).body());
		assertThat(export.get("sessions").valueStream().map(s -> s.get("events").size())).containsExactly(5, 5, 5);
		assertThat(export.at("/sessions/2/workflowExecutions").valueStream().map(w -> w.get("workflowId").asString()))
			.containsExactly("a-flow", "b-flow");
		assertThat(export.get("pattern").isNull()).as("the pattern stored after the export began").isTrue();
	}

	@Test
	void aFailureAfterTheAnswerBeganBreaksTheConnectionInsteadOfEndingTheDocument() throws Exception {
		String user = "streamed-export-broken";
		plant(user, 4, 100); // 1.6 MB: more than the container's buffer, so the answer has begun
		try (Connection lock = RowLocks.open(); Statement sql = lock.createStatement()) {
			sql.execute("LOCK TABLE user_patterns IN ACCESS EXCLUSIVE MODE"); // the export reads it last
			HttpResponse<InputStream> answer = export(user);
			assertThat(answer.statusCode()).as("the answer has begun").isEqualTo(200);
			CompletableFuture<Received> received = CompletableFuture.supplyAsync(() -> readUntilItEnds(answer.body()));
			await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waiting("%user_patterns%") == 1);

			// the database connection is lost while the export waits for its last read
			this.jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = "
					+ "'Lock' AND datname = current_database() AND query LIKE '%user_patterns%'");

			Received body = received.get(10, TimeUnit.SECONDS);
			assertThat(body.failure()).as("the connection broke before the answer's end")
				.isInstanceOf(IOException.class);
			assertThat(body.bytes().length).isGreaterThan(1 << 20);
			assertThatThrownBy(() -> JSON.readTree(body.bytes())).as("what came is no whole document")
				.isInstanceOf(JacksonException.class);
			assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).as("nor a problem appended to it")
				.doesNotContain("/problems/");
			lock.rollback();
		}
		assertThat(this.api.get("/api/v1/users/" + user + "/export").json().get("sessions").size())
			.as("the next export, on another connection")
			.isEqualTo(4);
	}

	@Test
	void halfThePoolAtMostServesStreamedAnswersAndIngestionKeepsTheOtherHalf() throws Exception {
		String user = "streamed-export-busy";
		plant(user, 1, 1);
		this.jdbc.update("INSERT INTO user_patterns VALUES (?, 'power_user', 0.85, now(), now())", user);
		String session = this.jdbc.queryForObject("SELECT id::text FROM user_sessions WHERE user_id = ?", String.class,
				user);
		List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
		try (Connection lock = RowLocks.open(); Statement sql = lock.createStatement()) {
			sql.execute("LOCK TABLE user_patterns IN ACCESS EXCLUSIVE MODE"); // each export stops at the pattern
			for (int i = 0; i < 5; i++) { // half the test pool of 10
				held.add(this.client.sendAsync(request(user), HttpResponse.BodyHandlers.ofString()));
			}
			await().atMost(Duration.ofSeconds(8)).until(() -> RowLocks.waiting("%user_patterns%") == 5);

			HttpResponse<String> refused = this.client.send(request(user), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(JSON.readTree(refused.body()).get("type").asString()).isEqualTo("/problems/overloaded");
			assertThat(this.api.get("/api/v1/sessions/" + session + "/events").status())
				.as("a session's events stream too").isEqualTo(503);
			assertThat(this.api.post("/api/v1/sessions/start", "{\"userId\":\"" + user + "-2\"}").status())
				.as("ingestion has the rest of the pool").isEqualTo(201);
			lock.rollback();
		}

		for (CompletableFuture<HttpResponse<String>> export : held) {
			assertThat(export.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		assertThat(this.api.get("/api/v1/sessions/" + session + "/events").status()).as("their places given back")
			.isEqualTo(200);
	}

	/**
	 * Sessions an hour apart from 2026-11-01T01:00Z, each with events of about 4 KB ({@code data.n} from 1), two to a
	 * second (so that the ids order each pair), and two workflows.
	 */
	private void plant(String userId, int sessions, int events) {
		this.jdbc.update("""
				INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, duration_seconds,
				                           action_count, workflow_count, exit_reason)
				SELECT gen_random_uuid(), ?, timestamptz '2026-11-01T00:00:00Z' + s * interval '1 hour',
				       timestamptz '2026-11-01T00:30:00Z' + s * interval '1 hour',
				       timestamptz '2026-11-01T00:30:00Z' + s * interval '1 hour', 1800, ?, 2, 'logout'
				FROM generate_series(1, ?) s""", userId, events, sessions);
		this.jdbc.update("""
				INSERT INTO session_events (id, session_id, timestamp, event_type, event_data)
				SELECT gen_random_uuid(), s.id, s.start_time + (e / 2) * interval '1 second', 'page_view',
				       jsonb_build_object('n', e, 'pad', repeat(md5(s.id || ':' || e), 125))
				FROM user_sessions s, generate_series(1, ?) e WHERE s.user_id = ?""", events, userId);
		this.jdbc.update("""
				INSERT INTO workflow_executions (session_id, workflow_id, started_at, completed_at)
				SELECT s.id, w, s.start_time, s.end_time FROM user_sessions s, unnest(ARRAY['b-flow', 'a-flow']) w
				WHERE s.user_id = ?""", userId);
	}

	private HttpResponse<InputStream> export(String userId) throws IOException, InterruptedException {
		return this.client.send(request(userId), HttpResponse.BodyHandlers.ofInputStream());
	}

	private HttpRequest request(String userId) {
		String uri = "http://localhost:" + this.port + "/api/v1/users/" + userId + "/export";
		return HttpRequest.newBuilder(URI.create(uri))
			.header("Authorization", "Bearer " + READ_KEY)
			.timeout(Duration.ofSeconds(10)) // for the answer's head: an export that does not stream fails, not hangs
			.build();
	}

	private static byte[] read(InputStream in, int bytes) {
		try {
			return in.readNBytes(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What came before the answer ended, and how it ended: null if whole. */
	private static Received readUntilItEnds(InputStream in) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try (in) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes.write(buffer, 0, n);
			}
			return new Received(bytes.toByteArray(), null);
		}
		catch (IOException ex) {
			return new Received(bytes.toByteArray(), ex);
		}
	}

	private static List<Integer> numbers(int count) {
		List<Integer> numbers = new ArrayList<>();
		for (int n = 1; n <= count; n++) {
			numbers.add(n);
		}
		return numbers;
	}

	private record Received(byte[] bytes, IOException failure) {

		@Override
		public String toString() {
			return new String(this.bytes, 0, Math.min(this.bytes.length, 200), StandardCharsets.UTF_8) + "... "
					+ this.failure;
		}

	}

}
