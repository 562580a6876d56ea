package dev.sessiontracker.session;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sessiontracker.shared.LimitProperties;
import dev.sessiontracker.shared.ReadCachePolicy;

/**
 * The session lifecycle, the module's API. Heartbeats are one SQL statement that only touches an open, unexpired
 * session; the slow path (unknown, ended or timed-out session) is taken only when that statement finds nothing.
 */
@Service
public class SessionService {

	private final SessionRepository sessions;

	private final SessionGuard guard;

	private final ActiveSessionsReader activeSessions;

	private final SessionWrites writes;

	private final IdleSessionSweeper sweeper;

	private final IdentityVerifier identity;

	private final LimitProperties limits;

	private final JdbcClient jdbc;

	private final DeviceDetector devices;

	private final SessionProperties properties;

	private final SessionClock clock;

	SessionService(SessionRepository sessions, SessionGuard guard, ActiveSessionsReader activeSessions,
			SessionWrites writes, IdleSessionSweeper sweeper, IdentityVerifier identity, JdbcClient jdbc,
			DeviceDetector devices, SessionProperties properties, LimitProperties limits, SessionClock clock) {
		this.limits = limits;
		this.sessions = sessions;
		this.guard = guard;
		this.activeSessions = activeSessions;
		this.writes = writes;
		this.sweeper = sweeper;
		this.identity = identity;
		this.jdbc = jdbc;
		this.devices = devices;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Starts a session: one INSERT that also checks the user's active-session cap.
	 * @throws IdentityVerifier.IdentityNotVerifiedException when identity verification is on and fails
	 * @throws TooManySessionsException when the user has the maximum of active sessions already
	 */
	public Session start(StartSession request) {
		this.identity.verify(request.userId(), request.userHash());
		Device device = this.devices.device(request);
		Entry entry = new Entry(request.page(),
				request.source() != null ? request.source()
						: EntrySource.of(EntryClassifier.source(request.page(), request.referrer(), request.pageHost(),
								this.properties.internalHosts()))
							.orElseThrow(),
				request.referrer(),
				request.campaign() != null ? request.campaign() : EntryClassifier.campaign(request.page()));
		Instant now = now();
		Session session = new Session(SessionIds.next(), request.userId(), now, device, entry);
		// A soft cap: two starts racing for the last place may both get it.
		if (!this.writes.insertUnderCap(session, this.clock.idleCutoff(now), this.limits.maxActiveSessionsPerUser())) {
			throw new TooManySessionsException(request.userId(), this.limits.maxActiveSessionsPerUser(),
					this.properties.idleTimeout());
		}
		return session;
	}

	/**
	 * Marks the session as alive now.
	 * @throws SessionNotFoundException for an unknown id
	 * @throws SessionEndedException when it has ended or timed out (it is then closed at its last activity)
	 */
	public Heartbeat heartbeat(UUID id) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Instant now = now();
			Optional<OffsetDateTime> lastSeen = this.jdbc.sql("""
					UPDATE user_sessions SET last_seen = GREATEST(COALESCE(last_seen, start_time), :now)
					WHERE id = :id AND end_time IS NULL AND COALESCE(last_seen, start_time) >= :cutoff
					RETURNING last_seen""")
				.param("id", id)
				.param("now", utc(now))
				.param("cutoff", utc(this.clock.idleCutoff(now)))
				.query(OffsetDateTime.class)
				.optional();
			if (lastSeen.isPresent()) {
				return new Heartbeat(id, true, lastSeen.get().toInstant());
			}
			requireOpen(id);
		}
		throw new IllegalStateException("Session " + id + " is open but could not be updated");
	}

	/**
	 * Returns normally only when the session is open and unexpired. A session that timed out without a sweep yet
	 * is closed here, at its last activity, before {@link SessionEndedException} is thrown.
	 */
	public void requireOpen(UUID id) {
		Instant now = now();
		this.guard.requireOpen(id, now, this.clock.idleCutoff(now));
	}

	/**
	 * Ends the session; an ended session is returned unchanged, and one that timed out is ended as a timeout at
	 * its last activity. An open session takes one UPDATE; the rest goes through {@link SessionGuard}.
	 */
	public Session end(UUID id, ExitReason reason, String page, String lastAction) {
		Instant now = now();
		Instant cutoff = this.clock.idleCutoff(now);
		return this.writes.endOpen(id, now, cutoff, reason, page, lastAction)
			.orElseGet(() -> this.guard.end(id, now, cutoff, reason, page, lastAction));
	}

	/**
	 * Closes every open session last active before {@code cutoff} as a timeout at its last activity, in chunks.
	 * Idempotent: a second call with the same cut-off closes nothing.
	 * @return how many sessions were closed
	 */
	public long closeIdleBefore(Instant cutoff) {
		return this.sweeper.closeIdleBefore(cutoff, this.properties.session().sweepChunk(),
				this.properties.session().sweepPauseFactor());
	}

	/** The session as the idle sweep leaves it ({@link Session#asOf}): one that has timed out reads as ended. */
	@Transactional(readOnly = true)
	public Optional<Session> find(UUID id) {
		Instant cutoff = this.clock.idleCutoff();
		return this.sessions.findById(id).map(session -> session.asOf(cutoff));
	}

	@Transactional(readOnly = true)
	public Session get(UUID id) {
		return find(id).orElseThrow(() -> new SessionNotFoundException(id));
	}

	/**
	 * Every active session counted, and the newest {@code limit}: as {@link ActiveSessionsReader} keeps them for a
	 * request that accepts a cached answer ({@link ReadCachePolicy}), counted now for any other.
	 */
	public ActiveSessions active(int limit) {
		return this.activeSessions.read(limit, ReadCachePolicy.acceptsCached());
	}

	/** Drops the kept answers of {@link #active}: the next request counts again (after an erasure). */
	public void forgetKeptActive() {
		this.activeSessions.forget();
	}

	@Transactional(readOnly = true)
	public Optional<Session> current(String userId) {
		return this.sessions.findActiveByUser(userId, this.clock.idleCutoff());
	}

	/** The user's newest sessions, newest first, as the idle sweep leaves them ({@link Session#asOf}). */
	@Transactional(readOnly = true)
	public List<Session> history(String userId, int limit) {
		Instant cutoff = this.clock.idleCutoff();
		return this.sessions.findHistory(userId, limit).stream().map(session -> session.asOf(cutoff)).toList();
	}

	/**
	 * Sessions started on {@code date} (in the stats zone) that ended within 30 s with at most one action, counting
	 * those that have timed out without a sweep yet as the sweep will close them.
	 */
	@Transactional(readOnly = true)
	public List<Session> bounces(LocalDate date, int limit) {
		ZoneId zone = this.properties.stats().zone();
		Instant cutoff = this.clock.idleCutoff();
		return this.sessions
			.findBounces(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant(),
					this.properties.stats().includeBots(), cutoff, limit)
			.stream()
			.map(session -> session.asOf(cutoff))
			.toList();
	}

	/** The service's time, at PostgreSQL's precision, so an answer never shows a time the database will not. */
	public Instant now() {
		return this.clock.now();
	}

	/** Sessions silent since before this instant have timed out at {@code now}. */
	public Instant idleCutoff(Instant now) {
		return this.clock.idleCutoff(now);
	}

	/** Sessions silent since before this instant have timed out now. */
	public Instant idleCutoff() {
		return this.clock.idleCutoff();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
