package dev.sessiontracker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.stereotype.Component;

/**
 * The active sessions, counted at most once a {@code tracker.session.active-refresh} however many dashboards poll
 * (with {@code Cache-Control: max-stale}; other requests count them on the request).
 * Counting reads every open session's row (last_seen is not indexed, so that heartbeats stay HOT updates): some
 * 0.15 s for 180 000 open sessions. An answer younger than the refresh interval is served as it is; one up to five
 * intervals old is served while a new one is counted in the background, so no reader waits for the count; an older
 * one is counted on the request. Zero counts on every request. The background counts run on the application's task
 * executor (virtual threads on Java 21+), not on the common fork-join pool, whose one thread on two cores a blocking
 * query would hold.
 */
@Component
class ActiveSessionsReader {

	private final SessionRepository sessions;

	private final SessionClock sessionClock;

	private final LoadingCache<Integer, ActiveSessions> answers;

	@Autowired
	ActiveSessionsReader(SessionRepository sessions, SessionProperties properties, SessionClock sessionClock,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor background) {
		this(sessions, properties.session().activeRefresh(), sessionClock, background);
	}

	ActiveSessionsReader(SessionRepository sessions, Duration refresh, SessionClock sessionClock, Executor background) {
		this.sessions = sessions;
		this.sessionClock = sessionClock;
		this.answers = refresh.isZero() ? null : Caffeine.newBuilder()
			.executor(background)
			.ticker(sessionClock.ticker())
			.refreshAfterWrite(refresh)
			.expireAfterWrite(refresh.multipliedBy(5))
			.maximumSize(100)
			.build(this::count);
	}

	/**
	 * Every active session counted, and the newest {@code limit} of them.
	 * @param cached whether the reader accepts the kept answer (the dashboard's polling does); else counted now
	 */
	ActiveSessions read(int limit, boolean cached) {
		return (this.answers != null && cached) ? this.answers.get(limit) : count(limit);
	}

	void forget() {
		if (this.answers != null) {
			this.answers.invalidateAll();
		}
	}

	private ActiveSessions count(int limit) {
		Instant cutoff = this.sessionClock.idleCutoff();
		return new ActiveSessions(this.sessions.countActive(cutoff), this.sessions.findActive(cutoff, limit));
	}

}
