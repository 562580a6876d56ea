package dev.sessiontracker.shared;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A token bucket for each client IP ({@link HttpServletRequest#getRemoteAddr()}, which is the address a trusted
 * proxy names when {@code server.forward-headers-strategy=native}), kept in memory only, the least recently used
 * forgotten first past 100 000 clients; and the 429 that refuses a request when its bucket is empty.
 */
public final class ClientBuckets {

	private static final int MAX_TRACKED_CLIENTS = 100_000;

	private final Supplier<Bucket> newBucket;

	private final Map<String, Bucket> clients = Collections
		.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > MAX_TRACKED_CLIENTS;
			}
		});

	public ClientBuckets(Supplier<Bucket> newBucket) {
		this.newBucket = newBucket;
	}

	/** The bucket of the request's client, a new full one for a client not seen (or forgotten). */
	public Bucket of(HttpServletRequest request) {
		return of(request.getRemoteAddr());
	}

	/** The bucket of the client with that address, a new full one for a client not seen (or forgotten). */
	public Bucket of(String client) {
		return this.clients.computeIfAbsent(client, address -> this.newBucket.get());
	}

	/** A bucket of {@code rate} tokens a second, with bursts up to twice that, in the given time. */
	public static Bucket perSecond(int rate, TimeMeter time) {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(2L * rate).refillGreedy(rate, Duration.ofSeconds(1)))
			.withCustomTimePrecision(time)
			.build();
	}

	/** Time for buckets as the clock tells it, so that tests move it instead of waiting. */
	public static TimeMeter timeOf(Clock clock) {
		return new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				return TimeUnit.MILLISECONDS.toNanos(clock.millis());
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

	/**
	 * Takes a token from the bucket, or answers 429 with {@code Retry-After} (whole seconds until the next token, at
	 * least 1) and the problem of that type: whether the request was refused.
	 */
	public static boolean refused(Bucket bucket, HttpServletResponse response, JsonMapper json, String type,
			String detail) throws IOException {
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return false;
		}
		long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		Problems.write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, type, "Too many requests",
				detail + " Retry after " + retryAfter + " s."));
		return true;
	}

}
