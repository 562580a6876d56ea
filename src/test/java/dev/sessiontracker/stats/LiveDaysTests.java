package dev.sessiontracker.stats;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A day is counted once for the requests that need it at the same time, and again for one that comes later. The
 * count itself (its SQL against stored and live days) is what the insights' and daily statistics' HTTP tests check.
 */
class LiveDaysTests {

	private static final LocalDate DAY = LocalDate.parse("2026-11-24");

	private final CountDownLatch counting = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger counts = new AtomicInteger();

	private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

	private final LiveDays liveDays = new LiveDays(new DailyStatsRepository(null, PROPERTIES) {
		@Override
		LiveDay live(LocalDate date, ZoneId zone) {
			int count = LiveDaysTests.this.counts.incrementAndGet();
			LiveDaysTests.this.counting.countDown();
			try {
				LiveDaysTests.this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (LiveDaysTests.this.failure.get() != null) {
				throw LiveDaysTests.this.failure.get();
			}
			return day(date, count);
		}
	}, PROPERTIES);

	private static final StatsProperties PROPERTIES = new StatsProperties(Duration.ofDays(30), 1000,
			new StatsProperties.Stats(ZoneId.of("UTC"), false));

	@Test
	void aRequestThatComesWhileTheDayIsCountedGetsThatCount() throws Exception {
		CompletableFuture<LiveDay> first = CompletableFuture.supplyAsync(() -> this.liveDays.of(DAY));
		this.counting.await();
		Waiting second = new Waiting(() -> this.liveDays.of(DAY));

		second.awaitParked();
		this.release.countDown();

		assertThat(first.get().row().totalSessions()).isEqualTo(1);
		assertThat(second.result().row().totalSessions()).as("the first count's").isEqualTo(1);
		assertThat(this.counts).hasValue(1);
		assertThat(this.liveDays.of(DAY).row().totalSessions()).as("a later request counts again").isEqualTo(2);
	}

	@Test
	void aFailedCountFailsTheRequestsWaitingForItWithItsOwnExceptionAndTheNextCountsAgain() throws Exception {
		this.failure.set(new QueryTimeoutException("canceling statement due to statement timeout"));
		CompletableFuture<LiveDay> first = CompletableFuture.supplyAsync(() -> this.liveDays.of(DAY));
		this.counting.await();
		Waiting second = new Waiting(() -> this.liveDays.of(DAY));

		second.awaitParked();
		this.release.countDown();

		assertThatThrownBy(first::join).hasCauseInstanceOf(QueryTimeoutException.class);
		assertThatThrownBy(second::result).isInstanceOf(QueryTimeoutException.class);
		this.failure.set(null);
		assertThat(this.liveDays.of(DAY).row().totalSessions()).isEqualTo(2);
	}

	@Test
	void differentDaysAreCountedApart() {
		this.release.countDown();

		assertThat(this.liveDays.of(DAY).date()).isEqualTo(DAY);
		assertThat(this.liveDays.of(DAY.minusDays(1)).date()).isEqualTo(DAY.minusDays(1));
		assertThat(this.counts).hasValue(2);
	}

	/** The {@code count}th count of {@code date}: that many sessions, so that tests tell counts apart. */
	private static LiveDay day(LocalDate date, int count) {
		return new LiveDay(new DailyStats(date, count, count, null, BigDecimal.ZERO, BigDecimal.ZERO, null, null),
				List.of(), List.of(), List.of());
	}

	/** A call on a thread of its own, which the test can see waiting for another's count. */
	private static final class Waiting {

		private final AtomicReference<Object> outcome = new AtomicReference<>();

		private final Thread thread;

		Waiting(java.util.function.Supplier<LiveDay> call) {
			this.thread = new Thread(() -> {
				try {
					this.outcome.set(call.get());
				}
				catch (RuntimeException ex) {
					this.outcome.set(ex);
				}
			});
			this.thread.start();
		}

		/** Returns once the call is parked: waiting for the count in progress, the only place it can wait. */
		void awaitParked() {
			while (this.thread.getState() != Thread.State.WAITING) {
				assertThat(this.thread.isAlive()).as("the call waits instead of returning").isTrue();
				Thread.onSpinWait();
			}
		}

		LiveDay result() throws InterruptedException {
			this.thread.join();
			if (this.outcome.get() instanceof RuntimeException ex) {
				throw ex;
			}
			return (LiveDay) this.outcome.get();
		}

	}

}
