package dev.sessiontracker;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirApisAndWithoutCycles() {
		ApplicationModules.of(SessionTrackerApplication.class).verify();
	}

}
