package dev.sessiontracker.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Requests whose bodies are still arriving hold no permit: slow clients cannot fill the requests in progress. */
@TestPropertySource(properties = "tracker.limits.max-concurrent-requests=2")
class SlowBodyHttpTests extends HttpTest {

	private static final String BATCH = Api.json(Map.of("events", List.of(Map.of("action", "click"))));

	@Autowired
	private MeterRegistry meters;

	@Test
	void moreSlowBodiesThanTheConcurrencyLimitLeaveOtherRequestsServed() throws Exception {
		String session = startSession("slow-bodies");
		String events = "/api/v1/sessions/" + session + "/events";
		List<SlowClient> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				slow.add(SlowClient.open(this.port, events, 2000,
						"{\"events\":[{\"action\":\"slow\",\"data\":{\"k\":\""));
			}
			// As many as the limit allows in progress: had they taken permits, every other request would be 503.
			await().atMost(Duration.ofSeconds(10)).until(() -> requestsInProgress() >= 2);

			Api.Response batch = this.api.post(events, BATCH);
			Api.Response read = this.api.get("/api/v1/sessions/" + session);

			assertThat(batch.status()).as(batch.body()).isEqualTo(202);
			assertThat(read.status()).as(read.body()).isEqualTo(200);
			assertThat(read.json().get("actions").asInt()).isEqualTo(1);
			for (SlowClient client : slow) {
				assertThat(client.answered()).as("the slow bodies are still being read").isFalse();
			}
		}
		finally {
			for (SlowClient client : slow) {
				client.close();
			}
		}
	}

	private long requestsInProgress() {
		return this.meters.find("http.server.requests.active")
			.longTaskTimers()
			.stream()
			.mapToLong(LongTaskTimer::activeTasks)
			.sum();
	}

}
