package dev.sessiontracker.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface SessionRepository extends Repository<Session, UUID> {

	Optional<Session> findById(UUID id);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from Session s where s.id = :id")
	Optional<Session> findForUpdate(UUID id);

	@Query("""
			select count(s) from Session s
			where s.endTime is null and coalesce(s.lastSeen, s.startTime) >= :cutoff""")
	long countActive(Instant cutoff);

	@Query("""
			select s from Session s
			where s.endTime is null and coalesce(s.lastSeen, s.startTime) >= :cutoff
			order by s.startTime desc""")
	List<Session> findActive(Instant cutoff, Limit limit);

	// The user's newest open, unexpired session. As in the start's cap (SessionWrites.START), "open" is
	// num_nulls(end_time) = 1 so that only the user's index serves it, even on a table without statistics.
	String ACTIVE_BY_USER = """
			SELECT * FROM user_sessions
			WHERE user_id = :userId AND num_nulls(end_time) = 1 AND COALESCE(last_seen, start_time) >= :cutoff
			ORDER BY start_time DESC
			LIMIT 1""";

	@Query(value = ACTIVE_BY_USER, nativeQuery = true)
	Optional<Session> findActiveByUser(String userId, Instant cutoff);

	List<Session> findByUserIdOrderByStartTimeDesc(String userId, Limit limit);

	@Query("""
			select s from Session s
			where s.startTime >= :from and s.startTime < :to
			  and s.endTime is not null and s.durationSeconds < 30 and s.actionCount <= 1
			  and (:includeBots = true or s.bot = false)
			order by s.startTime""")
	List<Session> findBounces(Instant from, Instant to, boolean includeBots, Limit limit);

}
