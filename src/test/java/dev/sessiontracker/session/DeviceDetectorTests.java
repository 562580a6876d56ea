package dev.sessiontracker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import ua_parser.Client;
import ua_parser.Parser;

import dev.sessiontracker.session.DeviceDetector.Detected;
import dev.sessiontracker.support.MutableClock;

class DeviceDetectorTests {

	private static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
	private static final String SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Safari/605.1.15";
	private static final String FIREFOX_LINUX =
			"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";
	private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
	private static final String IPAD = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
	private static final String ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36";
	private static final String ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.6367.82 Safari/537.36";
	private static final String KINDLE_SILK = "Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Silk/88.3.4 like Chrome/88.0.4324.152 Safari/537.36";
	private static final String WINDOWS_PHONE = "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) "
			+ "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063";
	private static final String CUBOT_PHONE = "Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
	private static final String HEADLESS_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36";

	private static final String FACEBOOK_IN_APP = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) "
			+ "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/459.0.0.39.107;FBBV/589542431;"
			+ "FBDV/iPhone15,3;FBMD/iPhone;FBSN/iOS;FBSV/17.4.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/592361427;"
			+ "IABMV/1]";

	private final DeviceDetector detector = new DeviceDetector();

	static Stream<Arguments> humanBrowsers() {
		return Stream.of(
				Arguments.of("desktop Chrome on Windows", CHROME_WINDOWS, "desktop", "Chrome", "Windows"),
				Arguments.of("Safari on Mac OS X", SAFARI_MAC, "desktop", "Safari", "Mac OS X"),
				Arguments.of("Firefox on Linux", FIREFOX_LINUX, "desktop", "Firefox", "Linux"),
				Arguments.of("iPhone", IPHONE, "mobile", "Mobile Safari", "iOS"),
				Arguments.of("iPad", IPAD, "tablet", "Mobile Safari", "iOS"),
				Arguments.of("Android phone", ANDROID_PHONE, "mobile", "Chrome Mobile", "Android"),
				Arguments.of("Android tablet", ANDROID_TABLET, "tablet", "Chrome", "Android"),
				Arguments.of("Kindle Fire", KINDLE_SILK, "tablet", "Amazon Silk", "Android"),
				Arguments.of("Windows Phone", WINDOWS_PHONE, "mobile", "Edge Mobile", "Windows Phone"),
				Arguments.of("Facebook's in-app browser (a long real one)", FACEBOOK_IN_APP, "mobile", "Facebook",
						"iOS"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("humanBrowsers")
	void classifiesRealBrowsersByTypeBrowserFamilyAndOsFamily(
			String description, String userAgent, String type, String browser, String os) {
		assertThat(detector.detect(userAgent)).isEqualTo(new Detected(type, browser, os, false));
	}

	@Test
	void detectsIpadAsTablet() {
		assertThat(detector.detect(IPAD).type()).isEqualTo("tablet");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
			"Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
					+ "Chrome/124.0.6367.82 Mobile Safari/537.36 "
					+ "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
			"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
			"Scrapy/2.11.0 (+https://scrapy.org)",
			"Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
			"Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
			"Mozilla/5.0 (compatible; StatusCake)"})
	void flagsCrawlersAndMonitorsAsBots(String userAgent) {
		assertThat(detector.detect(userAgent).bot()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "curl/8.4.0", "curl/8.5.0", "Wget/1.21.4", "python-requests/2.31",
			"python-requests/2.31.0", "Python/3.11 aiohttp/3.9.1", "python-httpx/0.27.0", "Go-http-client/1.1",
			"Java-http-client/17.0.15", "okhttp/4.12.0", "Apache-HttpClient/4.5.14 (Java/17.0.15)", "axios/1.6.8",
			"node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "undici", "libwww-perl/6.72", "HTTPie/3.2.2",
			"PostmanRuntime/7.37.3", "GuzzleHttp/7", "Ruby",
			"HTTP_Request2/2.5.1 (http://pear.php.net/package/http_request2) PHP/8.2.0" })
	void doesNotFlagHttpLibrariesAsBots(String userAgent) {
		assertThat(detector.detect(userAgent).bot()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Python-urllib/3.11", "Java/17.0.15" })
	void keepsUapCoresSpiderVerdictOnTheHttpLibrariesItCallsSpiders(String userAgent) {
		assertThat(new Parser().parse(userAgent).device.family).isEqualTo("Spider");
		assertThat(detector.detect(userAgent).bot()).isTrue();
	}

	@Test
	void reportsFamiliesAsUapCoreGivesThemOtherIncluded() {
		assertThat(detector.detect("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
				.isEqualTo(new Detected("desktop", "Googlebot", "Other", true));
		assertThat(detector.detect("curl/8.5.0")).isEqualTo(new Detected("desktop", "curl", "Other", false));
		assertThat(detector.detect("python-requests/2.31"))
				.isEqualTo(new Detected("desktop", "Python Requests", "Other", false));
	}

	@Test
	void treatsHeadlessChromeAsAnOrdinaryDesktopBrowser() {
		assertThat(detector.detect(HEADLESS_CHROME))
				.isEqualTo(new Detected("desktop", "HeadlessChrome", "Linux", false));
	}

	@Test
	void doesNotMistakeCubotPhonesForBots() {
		assertThat(detector.detect(CUBOT_PHONE))
				.isEqualTo(new Detected("mobile", "Chrome Mobile", "Android", false));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = {"   ", "\t"})
	void treatsMissingUserAgentAsUnknownDesktop(String userAgent) {
		assertThat(detector.detect(userAgent)).isEqualTo(new Detected("desktop", null, null, false));
	}

	@Test
	void reportsUnrecognisedFamiliesAsUapCoresOther() {
		assertThat(detector.detect("something weird")).isEqualTo(new Detected("desktop", "Other", "Other", false));
	}

	@Test
	void returnsTheCachedResultForARepeatedUserAgent() {
		Detected first = detector.detect(ANDROID_PHONE);
		Detected second = detector.detect(ANDROID_PHONE);

		assertThat(second).isEqualTo(first).isSameAs(first);
	}

	@Test
	void aFloodOfNewUserAgentsDoesNotPushOutOneSeenOften() {
		WatchedParser parser = new WatchedParser();
		DeviceDetector flooded = new DeviceDetector(parser);

		for (int i = 0; i < 25_000; i++) {
			flooded.detect("f/" + i); // more than the cache holds, each once
			if (i % 50 == 0) {
				flooded.detect(IPHONE); // the sessions of real users meanwhile
			}
		}

		assertThat(parser.given).filteredOn(IPHONE::equals).as("parsed once, then read from the cache").hasSize(1);
	}

	@Test
	void givesConsistentResultsUnderConcurrentUse() throws Exception {
		List<String> userAgents = List.of(CHROME_WINDOWS, SAFARI_MAC, FIREFOX_LINUX, IPHONE, IPAD,
				ANDROID_PHONE, ANDROID_TABLET, KINDLE_SILK, HEADLESS_CHROME);
		DeviceDetector reference = new DeviceDetector();
		List<Detected> expected = userAgents.stream().map(reference::detect).toList();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Detected>>> runs = Stream.generate(
					() -> pool.submit(() -> userAgents.stream().map(detector::detect).toList()))
					.limit(32)
					.toList();
			for (Future<List<Detected>> run : runs) {
				assertThat(run.get()).isEqualTo(expected);
			}
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void looksAtTheFirst512CharactersOfAPathologicalUserAgentOnly() {
		String pathological = "Mozilla/5.0 (" + "; ".repeat(3500) + ")";
		WatchedParser parser = new WatchedParser();

		Detected detected = new DeviceDetector(parser).detect(pathological);

		assertThat(parser.given).singleElement().isEqualTo(pathological.substring(0, 512));
		assertThat(detected).isEqualTo(detector.detect(pathological.substring(0, 512)));
		assertThat(FACEBOOK_IN_APP.length()).as("real User-Agents are parsed whole").isLessThan(512);
	}

	@Test
	void aNewUserAgentWhileEveryParseSlotIsBusyGetsUnknownFamiliesAndIsParsedNextTime() throws Exception {
		Semaphore slots = new Semaphore(1);
		WatchedParser parser = new WatchedParser();
		DeviceDetector busy = new DeviceDetector(parser, slots);
		slots.acquire(); // a flood of new User-Agents holds it

		Detected unparsed = busy.detect(IPHONE);
		Detected crawler = busy.detect("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
		slots.release();
		Detected parsed = busy.detect(IPHONE);

		assertThat(unparsed).isEqualTo(new Detected("mobile", "Other", "Other", false));
		assertThat(crawler.bot()).as("crawlers known by their words").isTrue();
		assertThat(parsed).isEqualTo(detector.detect(IPHONE));
		assertThat(parser.given).as("parsed once a slot was free, not cached unparsed").containsExactly(IPHONE);
		assertThat(slots.availablePermits()).as("the slot given back").isEqualTo(1);
	}

	@Test
	void aClientPastItsShareOfNewUserAgentsGetsUnknownFamiliesWhileOthersAreParsed() {
		WatchedParser parser = new WatchedParser();
		MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
		DeviceDetector shared = new DeviceDetector(parser, 2, clock); // two a second, bursts of four

		for (int i = 0; i < 4; i++) {
			assertThat(shared.detect(CHROME_WINDOWS + " Flood/" + i, "198.51.100.1").browser()).isEqualTo("Chrome");
		}
		Detected pastShare = shared.detect(IPHONE, "198.51.100.1");
		Detected seenBefore = shared.detect(CHROME_WINDOWS + " Flood/0", "198.51.100.1");
		Detected otherClient = shared.detect(IPHONE, "198.51.100.2");
		clock.advance(Duration.ofMillis(500));
		Detected shareBack = shared.detect(SAFARI_MAC, "198.51.100.1");

		assertThat(pastShare).isEqualTo(new Detected("mobile", "Other", "Other", false));
		assertThat(seenBefore).as("a cached one costs no share").isEqualTo(detector.detect(CHROME_WINDOWS));
		assertThat(otherClient).as("another client's share is its own").isEqualTo(detector.detect(IPHONE));
		assertThat(shareBack).isEqualTo(detector.detect(SAFARI_MAC));
		assertThat(parser.given).as("the one past the share was neither parsed nor cached")
			.containsExactly(CHROME_WINDOWS + " Flood/0", CHROME_WINDOWS + " Flood/1", CHROME_WINDOWS + " Flood/2",
					CHROME_WINDOWS + " Flood/3", IPHONE, SAFARI_MAC);
	}

	@Test
	void cutsAPathologicalUserAgentBetweenCharactersNotInsideOne() {
		String emoji = "\uD83D\uDE00";
		String userAgent = "x".repeat(511) + emoji.repeat(10);

		assertThat(DeviceDetector.parsedPart(userAgent)).isEqualTo("x".repeat(511));
	}

	@Test
	void parsesNothingWhenTheClientGivesEveryFieldParsingWouldFill() {
		WatchedParser parser = new WatchedParser();
		DeviceDetector watched = new DeviceDetector(parser);

		Device given = watched.device(start(DeviceType.DESKTOP, "Firefox", "Linux", false, ANDROID_PHONE));
		Device missingOs = watched.device(start(DeviceType.DESKTOP, "Firefox", null, false, IPHONE));

		assertThat(given).isEqualTo(new Device(DeviceType.DESKTOP, "Firefox", "Linux", "1920x1080", false));
		assertThat(missingOs).isEqualTo(new Device(DeviceType.DESKTOP, "Firefox", "iOS", "1920x1080", false));
		assertThat(parser.given).as("parsed for the missing OS only, not for the complete device")
			.containsExactly(IPHONE);
	}

	private static StartSession start(DeviceType type, String browser, String os, Boolean bot, String userAgent) {
		return new StartSession("u", null, type, browser, os, "1920x1080", bot, "/", null, null, null, userAgent,
				null, null);
	}

	/** uap's parser, keeping every User-Agent it is given. */
	private static final class WatchedParser extends Parser {

		private final List<String> given = new CopyOnWriteArrayList<>();

		@Override
		public Client parse(String userAgent) {
			this.given.add(userAgent);
			return super.parse(userAgent);
		}

	}
}
