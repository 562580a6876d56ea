package dev.sessiontracker.shared.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessiontracker.shared.TrackerSecurityProperties;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ReadKeyTests {

	@Test
	void aConfiguredKeyShorterThan16CharactersIsUsedWithAWarning(CapturedOutput output) {
		ReadKey key = ReadKey.from(new TrackerSecurityProperties("s3cret", List.of(), null, 20));

		assertThat(key.matches("s3cret")).isTrue();
		assertThat(key.matches("s3cre")).isFalse();
		assertThat(output).contains("tracker.security.read-key has 6 characters", "use 16 or more");
	}

	@Test
	void aLongEnoughKeyGetsNoWarning(CapturedOutput output) {
		ReadKey key = ReadKey.from(new TrackerSecurityProperties("kq93-vLx0-2mPz-Aa7e", List.of(), null, 20));

		assertThat(key.matches("kq93-vLx0-2mPz-Aa7e")).isTrue();
		assertThat(output).doesNotContain("tracker.security.read-key has");
	}

	@Test
	void withoutAKeyOneIsGeneratedAndLogged(CapturedOutput output) {
		ReadKey key = ReadKey.from(new TrackerSecurityProperties(null, List.of(), null, 20));

		String logged = output.getOut().replaceAll("(?s).*generated read key for this run: (\\S+).*", "$1");
		assertThat(logged).hasSizeGreaterThanOrEqualTo(32);
		assertThat(key.matches(logged)).isTrue();
	}

}
