package dev.sessiontracker.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK a product's every page loads, and the dashboard: kept by browsers for a while and revalidated, sent gzipped
 * to clients that accept it.
 */
class StaticFilesHttpTests extends HttpTest {

	private static final String SDK = "/sdk/v1/session-tracker.js";

	@Test
	void theSdkIsCachedForFiveMinutesThenRevalidated() {
		Api.Response first = this.api.get(SDK);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Cache-Control")).contains("max-age=300").contains("public")
			.doesNotContain("no-store");
		String lastModified = first.header("Last-Modified");
		assertThat(lastModified).isNotBlank();
		assertThat(this.api.get(SDK, Map.of("If-Modified-Since", lastModified)).status()).isEqualTo(304);
	}

	@Test
	void theSdkAndTheDashboardGoGzippedToClientsThatAcceptIt() {
		assertThat(this.api.get(SDK, Map.of("Accept-Encoding", "gzip")).header("Content-Encoding")).isEqualTo("gzip");
		assertThat(this.api.get("/dashboard/dashboard.js", Map.of("Accept-Encoding", "gzip")).header("Content-Encoding"))
			.isEqualTo("gzip");
		assertThat(this.api.get(SDK).header("Content-Encoding")).as("not to clients that do not").isNull();
	}

}
