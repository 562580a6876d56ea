package dev.sessiontracker.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The session rows the reading endpoints and the writes' slow path load as entities. Every query is SQL, as on the
 * rest of the service: a JPQL query (or one derived from a method name) is parsed by two ANTLR grammars, Spring
 * Data's and Hibernate's, whose first parse took about a second of every start-up on a 2-core machine.
 */
interface SessionRepository extends Repository<Session, UUID> {

	Optional<Session> findById(UUID id);

	// The lock an UPDATE of non-key columns takes (and the one JPA's PESSIMISTIC_WRITE took here): it waits for the
	// hot writes to the row and they wait for it.
	@Query(value = "SELECT * FROM user_sessions WHERE id = :id FOR NO KEY UPDATE", nativeQuery = true)
	Optional<Session> findForUpdate(UUID id);

	@Query(value = """
			SELECT count(*) FROM user_sessions
			WHERE end_time IS NULL AND COALESCE(last_seen, start_time) >= :cutoff""", nativeQuery = true)
	long countActive(Instant cutoff);

	@Query(value = """
			SELECT * FROM user_sessions
			WHERE end_time IS NULL AND COALESCE(last_seen, start_time) >= :cutoff
			ORDER BY start_time DESC
			LIMIT :limit""", nativeQuery = true)
	List<Session> findActive(Instant cutoff, int limit);

	// The user's newest open, unexpired session. As in the start's cap (SessionWrites.START), "open" is
	// num_nulls(end_time) = 1 so that only the user's index serves it, even on a table without statistics.
	String ACTIVE_BY_USER = """
			SELECT * FROM user_sessions
			WHERE user_id = :userId AND num_nulls(end_time) = 1 AND COALESCE(last_seen, start_time) >= :cutoff
			ORDER BY start_time DESC
			LIMIT 1""";

	@Query(value = ACTIVE_BY_USER, nativeQuery = true)
	Optional<Session> findActiveByUser(String userId, Instant cutoff);

	@Query(value = "SELECT * FROM user_sessions WHERE user_id = :userId ORDER BY start_time DESC LIMIT :limit",
			nativeQuery = true)
	List<Session> findHistory(String userId, int limit);

	// A session silent since before the cut-off is a bounce if the sweep will close it as one (SessionColumns).
	@Query(value = """
			SELECT * FROM user_sessions
			WHERE start_time >= :from AND start_time < :to AND action_count <= 1 AND (:includeBots OR NOT is_bot)
			  AND CASE WHEN end_time IS NOT NULL THEN duration_seconds < 30
			           ELSE COALESCE(last_seen, start_time) < :cutoff
			                AND COALESCE(last_seen, start_time) < start_time + interval '30 seconds' END
			ORDER BY start_time
			LIMIT :limit""", nativeQuery = true)
	List<Session> findBounces(Instant from, Instant to, boolean includeBots, Instant cutoff, int limit);

}
