package dev.sessiontracker.session;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

/**
 * Time-ordered UUIDv7 ids: new rows land at the right edge of the primary-key index instead of on random pages,
 * and an id tells roughly when it was made.
 */
public final class SessionIds {

	// A session's id is all a client needs to send its heartbeats and events and to end it: the 74 bits after the
	// millisecond are random in every one. The monotonic generator adds one to the previous id's random part within
	// a millisecond, which would let a client that started a session guess the ids of the sessions started next to it.
	private static final TimeBasedEpochRandomGenerator SESSIONS = Generators.timeBasedEpochRandomGenerator();

	// Events are no keys to anything, and the events of one batch with the same timestamp keep their order by id.
	private static final TimeBasedEpochGenerator EVENTS = Generators.timeBasedEpochGenerator();

	private SessionIds() {
	}

	/** A new session's id, which cannot be guessed from another's. */
	public static UUID next() {
		return SESSIONS.generate();
	}

	/** An id greater than every one this method gave before (within the process), for an event without one. */
	public static UUID nextInOrder() {
		return EVENTS.generate();
	}

}
