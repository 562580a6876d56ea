package dev.sessiontracker.session;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Time-ordered UUIDv7 ids: new rows land at the right edge of the primary-key index instead of on random pages,
 * and an id tells roughly when it was made.
 */
public final class SessionIds {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private SessionIds() {
	}

	public static UUID next() {
		return GENERATOR.generate();
	}

}
