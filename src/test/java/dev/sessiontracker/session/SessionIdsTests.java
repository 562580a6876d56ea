package dev.sessiontracker.session;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIdsTests {

	@Test
	void idsAreVersion7AndOrderedByTheirMillisecond() {
		UUID previous = SessionIds.next();
		for (int i = 0; i < 10_000; i++) {
			UUID id = SessionIds.next();
			assertThat(id.version()).isEqualTo(7);
			assertThat(millisecond(id)).isGreaterThanOrEqualTo(millisecond(previous));
			previous = id;
		}
	}

	@Test
	void idsMadeInTheSameMillisecondCannotBeGuessedFromOneAnother() {
		List<UUID[]> sameMillisecond = new ArrayList<>();
		UUID previous = SessionIds.next();
		while (sameMillisecond.size() < 1_000) {
			UUID id = SessionIds.next();
			if (millisecond(id) == millisecond(previous)) {
				sameMillisecond.add(new UUID[] { previous, id });
			}
			previous = id;
		}
		// the low 62 bits are random: two of them closer than 2^32 once in 2^29 pairs; a counter makes them 1 apart
		assertThat(sameMillisecond).allSatisfy(pair -> assertThat(
				Math.abs(randomPart(pair[1]) - randomPart(pair[0]))).isGreaterThan(1L << 32));
	}

	@Test
	void eventIdsMadeOneAfterAnotherKeepTheirOrder() {
		UUID previous = SessionIds.nextInOrder();
		for (int i = 0; i < 10_000; i++) {
			UUID id = SessionIds.nextInOrder();
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.toString()).isGreaterThan(previous.toString());
			previous = id;
		}
	}

	private static long millisecond(UUID id) {
		return id.getMostSignificantBits() >>> 16;
	}

	private static long randomPart(UUID id) {
		return id.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL;
	}

}
