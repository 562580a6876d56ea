package dev.sessiontracker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryClassifierTests {

	private static final String PAGE = "https://app.example.com/pricing?plan=pro";

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = {"   "})
	void treatsMissingReferrerAsDirect(String referrer) {
		assertThat(EntryClassifier.source(PAGE, referrer, null, Set.of())).isEqualTo("direct");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"https://app.example.com/",
			"https://APP.Example.com/home?x=1",
			"http://app.example.com:8080/signup#top"})
	void treatsReferrerFromThePageHostAsInternal(String referrer) {
		assertThat(EntryClassifier.source(PAGE, referrer, null, Set.of())).isEqualTo("internal");
	}

	@Test
	void usesFallbackHostWhenThePageIsARelativePath() {
		assertThat(EntryClassifier.source("/pricing?x=1", "https://app.example.com/", "APP.example.com", Set.of()))
				.isEqualTo("internal");
	}

	@Test
	void treatsRelativePageWithoutFallbackHostAsExternal() {
		assertThat(EntryClassifier.source("/pricing?x=1", "https://app.example.com/", null, Set.of()))
				.isEqualTo("external");
	}

	@Test
	void ignoresFallbackHostWhenThePageHasItsOwnHost() {
		assertThat(EntryClassifier.source(PAGE, "https://other.example.com/", "other.example.com", Set.of()))
				.isEqualTo("external");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"auth.example.com",
			"AUTH.Example.COM",
			"auth.example.com:8443",
			"https://auth.example.com",
			"https://Auth.Example.com:8443/"})
	void treatsHostsListedAsInternalAsInternal(String internalHost) {
		assertThat(EntryClassifier.source(PAGE, "https://auth.example.com/login", null, Set.of(internalHost)))
				.isEqualTo("internal");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"https://www.google.com/search?q=session+tracking",
			"https://www.app.example.com/",
			"https://example.com/",
			"android-app://com.google.android.gm/"})
	void treatsOtherHostsAsExternal(String referrer) {
		assertThat(EntryClassifier.source(PAGE, referrer, "app.example.com", Set.of("auth.example.com")))
				.isEqualTo("external");
	}

	@ParameterizedTest
	@ValueSource(strings = {"not a url", "https://", "http://exa mple.com/", "::::", "javascript:alert(1)", "%%%"})
	void treatsMalformedReferrerAsExternal(String referrer) {
		assertThat(EntryClassifier.source(PAGE, referrer, "app.example.com", Set.of("app.example.com")))
				.isEqualTo("external");
	}

	@Test
	void toleratesMissingPageAndInternalHosts() {
		assertThat(EntryClassifier.source(null, "https://app.example.com/", "app.example.com", null))
				.isEqualTo("internal");
	}

	@ParameterizedTest
	@CsvSource({
			"'https://app.example.com/?utm_source=news&utm_campaign=launch', launch",
			"'/pricing?utm_campaign=launch&utm_medium=email', launch",
			"'/pricing?utm_campaign=spring%20sale', spring sale",
			"'/pricing?utm_campaign=spring+sale#plans', spring sale",
			"'/pricing?utm_campaign=caf%C3%A9', café",
			"'/pricing?utm_campaign=a%00b%00', ab"})
	void extractsDecodedCampaignFromAbsoluteAndRelativePages(String page, String campaign) {
		assertThat(EntryClassifier.campaign(page)).isEqualTo(campaign);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = {
			"https://app.example.com/pricing",
			"/pricing?utm_source=news",
			"/pricing?utm_campaign=",
			"/pricing?utm_campaign=%20",
			"/pricing?utm_campaign=%00",
			"/pricing#utm_campaign=launch",
			"/pricing#plans?utm_campaign=launch"})
	void returnsNullCampaignWhenAbsentOrBlank(String page) {
		assertThat(EntryClassifier.campaign(page)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = {"/pricing?utm_campaign=%zz", "/pricing?utm_campaign=50%", "/p?utm_campaign=%E0%A4%A"})
	void returnsNullCampaignForMalformedPage(String page) {
		assertThat(EntryClassifier.campaign(page)).isNull();
	}

	@Test
	void truncatesLongCampaignsTo255Characters() {
		assertThat(EntryClassifier.campaign("/p?utm_campaign=" + "a".repeat(300))).hasSize(255);
	}

	@ParameterizedTest
	@CsvSource({
			"https://App.Example.com/path?q=1, app.example.com",
			"https://app.example.com:8443, app.example.com",
			"https://user:secret@app.example.com/, app.example.com",
			"http://[::1]:8080/, [::1]"})
	void extractsLowerCaseHostFromUrlOrOrigin(String url, String host) {
		assertThat(EntryClassifier.host(url)).isEqualTo(host);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = {"/pricing?x=1", "app.example.com", "https://", "not a url"})
	void returnsNullHostForRelativeOrMalformedInput(String url) {
		assertThat(EntryClassifier.host(url)).isNull();
	}
}
