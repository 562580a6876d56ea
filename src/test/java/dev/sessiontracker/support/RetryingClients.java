package dev.sessiontracker.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients that behave like the browser SDK under faults: event batches with client-made ids, retried with the same
 * ids after any failure (connection refused or reset, timeout, 503) until acknowledged; a 409 moves the pending
 * batch to a new session; heartbeats; sessions ended by the client and, now and then, by "another tab". Every
 * acknowledgement is recorded, so the database can be checked against what the clients were promised.
 */
public final class RetryingClients {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BATCH = 5;

	private static final Duration BACKOFF = Duration.ofMillis(100);

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Every event id a client made, whether or not it was ever acknowledged. */
	public final Set<UUID> sent = ConcurrentHashMap.newKeySet();

	/** Event id to the session whose 202 acknowledged it. */
	public final Map<UUID, UUID> acknowledged = new ConcurrentHashMap<>();

	public final Set<UUID> startsAcknowledged = ConcurrentHashMap.newKeySet();

	public final Set<UUID> endsAcknowledged = ConcurrentHashMap.newKeySet();

	/** Answers by status; 0 counts requests that got no answer (refused, reset, timed out). */
	public final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();

	/** Batches a 409 sent to a new session. */
	public final LongAdder moved = new LongAdder();

	public final LongAdder retries = new LongAdder();

	private final List<Client> clients = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicLong firstSuccessAfterMark = new AtomicLong();

	private volatile long mark = Long.MAX_VALUE;

	private volatile boolean stopping;

	public RetryingClients(URI base) {
		this.base = base;
	}

	/** Starts {@code count} clients and the other tab that ends one of their sessions every {@code tabEvery}. */
	public void start(int count, Duration tabEvery, long seed) {
		for (int i = 0; i < count; i++) {
			Client client = new Client("fault-client-" + i, new Random(seed + i));
			this.clients.add(client);
			this.threads.add(started(new Thread(client::run, "client-" + i)));
		}
		Random random = new Random(seed - 1);
		this.threads.add(started(new Thread(() -> {
			while (!this.stopping) {
				pause(tabEvery);
				UUID session = this.clients.get(random.nextInt(count)).session;
				if (session != null && send("/api/v1/sessions/" + session + "/end", "{\"reason\":\"navigation\"}")
					.status() == 200) {
					this.endsAcknowledged.add(session);
				}
			}
		}, "other-tab")));
	}

	private static Thread started(Thread thread) {
		thread.start();
		return thread;
	}

	/** From now on, remembers when the first request succeeds (for recovery times). */
	public void markNow() {
		this.firstSuccessAfterMark.set(0);
		this.mark = System.nanoTime();
	}

	/** {@code System.nanoTime()} of the first 2xx after the last {@link #markNow()}, or 0. */
	public long firstSuccessAfterMark() {
		return this.firstSuccessAfterMark.get();
	}

	/**
	 * Stops making new batches; each client still delivers the batch it has. Fails when one cannot do so in time.
	 */
	public void stopAndDrain(Duration max) throws InterruptedException {
		this.stopping = true;
		long deadline = System.nanoTime() + max.toNanos();
		for (Thread thread : this.threads) {
			thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			if (thread.isAlive()) {
				throw new AssertionError(thread.getName() + " could not deliver its pending batch within " + max);
			}
		}
	}

	public long count(int status) {
		LongAdder adder = this.answers.get(status);
		return adder == null ? 0 : adder.sum();
	}

	private Answer send(String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("User-Agent", Api.BROWSER)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		Answer answer;
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			answer = new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			answer = new Answer(0, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer = new Answer(0, ex.toString());
		}
		this.answers.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
		if (answer.status() >= 200 && answer.status() < 300 && System.nanoTime() > this.mark) {
			this.firstSuccessAfterMark.compareAndSet(0, System.nanoTime());
		}
		return answer;
	}

	/** A client's pause before it retries: part of its behaviour, not synchronisation. */
	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Answer(int status, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

	private final class Client {

		private final String userId;

		private final Random random;

		private volatile UUID session;

		private List<UUID> pending;

		Client(String userId, Random random) {
			this.userId = userId;
			this.random = random;
		}

		void run() {
			while (this.pending != null || !RetryingClients.this.stopping) {
				if (this.pending == null) {
					this.pending = fresh();
				}
				if (this.session == null && !startSession()) {
					retry();
					continue;
				}
				UUID to = this.session;
				Answer answer = send("/api/v1/sessions/" + to + "/events", batch(this.pending));
				if (answer.status() == 202) {
					this.pending.forEach(id -> RetryingClients.this.acknowledged.put(id, to));
					this.pending = null;
					afterDelivery();
				}
				else if (answer.status() == 409) {
					RetryingClients.this.moved.increment();
					this.session = null;
				}
				else {
					retry();
				}
			}
		}

		private void afterDelivery() {
			int dice = this.random.nextInt(100);
			if (dice < 20) {
				if (send("/api/v1/sessions/" + this.session + "/heartbeat", "").status() == 409) {
					this.session = null;
				}
			}
			else if (dice < 25) {
				endSession();
			}
		}

		private boolean startSession() {
			Answer answer = send("/api/v1/sessions/start", "{\"userId\":\"" + this.userId + "\"}");
			if (answer.status() != 201) {
				return false;
			}
			this.session = UUID.fromString(answer.json().get("id").asString());
			RetryingClients.this.startsAcknowledged.add(this.session);
			return true;
		}

		/** Retried until acknowledged: an end, too, is a promise once answered. */
		private void endSession() {
			UUID ending = this.session;
			while (send("/api/v1/sessions/" + ending + "/end", "{\"reason\":\"logout\"}").status() != 200) {
				retry();
			}
			RetryingClients.this.endsAcknowledged.add(ending);
			this.session = null;
		}

		private List<UUID> fresh() {
			List<UUID> ids = new ArrayList<>();
			for (int i = 0; i < BATCH; i++) {
				ids.add(UUID.randomUUID());
			}
			RetryingClients.this.sent.addAll(ids);
			return ids;
		}

		private static String batch(List<UUID> ids) {
			StringBuilder json = new StringBuilder("{\"events\":[");
			for (int i = 0; i < ids.size(); i++) {
				json.append(i == 0 ? "" : ",")
					.append("{\"id\":\"")
					.append(ids.get(i))
					.append("\",\"action\":\"")
					.append(i == 0 ? "error" : "click")
					.append("\"}");
			}
			return json.append("]}").toString();
		}

		private void retry() {
			RetryingClients.this.retries.increment();
			pause(BACKOFF);
		}

	}

}
