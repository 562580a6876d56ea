package dev.sessiontracker.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ua_parser.Client;
import ua_parser.Parser;

import dev.sessiontracker.shared.ClientBuckets;
import dev.sessiontracker.shared.OwnThread;

/**
 * Reduces a User-Agent header to the uap-core family names (so reports group browsers and operating systems the
 * same way other uap-based tools do; {@code Other} where uap-core recognises none) plus a coarse device type and
 * whether it is a crawler or monitor.
 * Results are cached per UA string because uap parsing runs hundreds of regexes per call.
 * <p>
 * Only the first {@value #MAX_PARSED_LENGTH} characters are looked at: real User-Agents are far shorter (a Facebook
 * in-app browser's, among the longest, about 300), while uap's expressions took about 0.2 s of CPU on a 7 KB header
 * made of {@code "; "} repeated (its first 512 characters: about 20 ms; a real User-Agent: 3-4 ms). A session whose
 * client gives every field parsing would fill is not parsed at all ({@link #device(StartSession)}).
 * <p>
 * uap's {@link Parser} is immutable once built (compiled patterns, a new matcher per call), so distinct User-Agents
 * are parsed concurrently; its {@code CachingParser} subclass is not used, as its unsynchronised LRU maps would
 * need a lock around every parse and this class caches the result it keeps anyway. Building the parser (reading
 * and compiling uap-core's 1 200 expressions, about 0.1 s) runs on a thread of its own, off the service's start-up
 * path: the first detection waits for it if it has not finished.
 */
public final class DeviceDetector {

	/** Device type, browser family, OS family and crawler flag of one User-Agent. */
	public record Detected(String type, String browser, String os, boolean bot) {
	}

	private static final String DESKTOP = "desktop";
	private static final String MOBILE = "mobile";
	private static final String TABLET = "tablet";

	// Enough for every real-world UA a deployment sees; the bound only matters under UA spam.
	private static final int MAX_CACHE_ENTRIES = 10_000;
	// Longer UAs are junk or attacks: the rest is ignored, so they cost no more than a real one, and they are cached
	// under their first characters, which bounds what the cache can hold.
	static final int MAX_PARSED_LENGTH = 512;
	private static final int MAX_FAMILY_LENGTH = 50;
	// uap-core's name for what none of its expressions recognise
	private static final String OTHER = "Other";
	// No User-Agent at all: nothing was parsed, so there is no family to give.
	private static final Detected UNKNOWN = new Detected(DESKTOP, null, null, false);

	// "bot" is for crawlers and monitors (api.md): uap-core flags the crawlers it knows as the Spider device, these
	// words the crawlers and uptime monitors it does not. HTTP libraries (curl, python-requests, the JDK's client...)
	// are not among them: they are how scripts, back ends and tests call the API, and their sessions count like any
	// other (uap-core itself still calls a few of them Spider: Python-urllib, "Java/17.0.15"; that verdict stays).
	// "(?<!cu)bot" keeps Cubot phones human; "HeadlessChrome" is deliberately absent because our own
	// browser tests run headless Chromium and must look like ordinary desktop Chrome.
	private static final Pattern BOT_WORDS = Pattern.compile(
			"(?<!cu)bot|crawl|spider|slurp|monitor|uptime|pingdom|statuscake|site24x7|checkly"
					+ "|datadogsynthetics|newrelicpinger|phantomjs|lighthouse|facebookexternalhit|scrapy",
			Pattern.CASE_INSENSITIVE);

	// How long a start waits for a parse of a User-Agent not seen before when as many are running as there may be.
	static final Duration PARSE_WAIT = Duration.ofMillis(100);

	private final CompletableFuture<Parser> parser;
	// Caffeine's size bound keeps the User-Agents seen often (W-TinyLFU): a stream of new ones, whoever sends them, does
	// not push out the few that most sessions have.
	private final Cache<String, Detected> cache = Caffeine.newBuilder()
		.maximumSize(MAX_CACHE_ENTRIES)
		.executor(Runnable::run)
		.build();
	// Parses of User-Agents not in the cache at one time: half the cores, at least one. A real User-Agent takes about
	// 1 ms of CPU, 512 crafted characters up to 10-30 ms, so a client sending a new crafted one with every start
	// could keep every core busy far below the rate limit; this way the rest of the service keeps the other half.
	private final Semaphore parsers;
	// Parses of User-Agents not in the cache a second for each client IP (null: no limit): one client sending new ones
	// gets Other for those past its share, so it takes neither the parse slots nor the CPU from the others.
	private final ClientBuckets newPerClient;

	/** Without a limit per client (tests). */
	public DeviceDetector() {
		this(0, Clock.systemUTC());
	}

	/** {@code newPerClientPerSecond} User-Agents not seen before parsed a second for each client (0: no limit). */
	DeviceDetector(int newPerClientPerSecond, Clock clock) {
		this(OwnThread.start("user-agent-parser-build", Parser::new),
				new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)),
				perClient(newPerClientPerSecond, clock));
	}

	/** With a parser built already (tests watch what it is given). */
	DeviceDetector(Parser parser) {
		this(parser, new Semaphore(1));
	}

	/** With a parser built already and the permits to parse (tests hold them). */
	DeviceDetector(Parser parser, Semaphore parsers) {
		this(CompletableFuture.completedFuture(parser), parsers, null);
	}

	/** With a parser built already and a limit per client, on a clock tests move. */
	DeviceDetector(Parser parser, int newPerClientPerSecond, Clock clock) {
		this(CompletableFuture.completedFuture(parser), new Semaphore(1), perClient(newPerClientPerSecond, clock));
	}

	private DeviceDetector(CompletableFuture<Parser> parser, Semaphore parsers, ClientBuckets newPerClient) {
		this.parser = parser;
		this.parsers = parsers;
		this.newPerClient = newPerClient;
	}

	private static ClientBuckets perClient(int perSecond, Clock clock) {
		return perSecond <= 0 ? null
				: new ClientBuckets(() -> ClientBuckets.perSecond(perSecond, ClientBuckets.timeOf(clock)));
	}

	/** Waits until the parser is built; throws what building it threw. */
	void awaitParser() {
		this.parser.join();
	}

	/**
	 * The device a session starts on: the fields its client gave, the others detected from its User-Agent, which is
	 * parsed only when one is missing.
	 */
	Device device(StartSession request) {
		if (request.deviceType() != null && request.browser() != null && request.os() != null
				&& request.bot() != null) {
			return new Device(request.deviceType(), request.browser(), request.os(), request.screenSize(),
					request.bot());
		}
		Detected detected = detect(request.userAgent(), request.client());
		return new Device(
				request.deviceType() != null ? request.deviceType() : DeviceType.of(detected.type()).orElseThrow(),
				request.browser() != null ? request.browser() : detected.browser(),
				request.os() != null ? request.os() : detected.os(), request.screenSize(),
				request.bot() != null ? request.bot() : detected.bot());
	}

	/** What a User-Agent tells, without a limit per client. */
	public Detected detect(String userAgent) {
		return detect(userAgent, null);
	}

	/**
	 * What a User-Agent tells; one not seen before is parsed within the client's share of such parses (none counted
	 * for a null client) and while a parse slot comes free within {@link #PARSE_WAIT}. Past either, its families stay
	 * {@code Other} for this session (type and bot flag are still read from it), and nothing is cached, so the next
	 * start with it is parsed.
	 */
	Detected detect(String userAgent, String client) {
		if (userAgent == null || userAgent.isBlank()) {
			return UNKNOWN;
		}
		String parsed = parsedPart(userAgent);
		Detected cached = this.cache.getIfPresent(parsed);
		if (cached != null) {
			return cached;
		}
		if (!withinShare(client) || !mayParse()) {
			return new Detected(type(parsed), OTHER, OTHER, BOT_WORDS.matcher(parsed).find());
		}
		try {
			Detected detected = classify(parsed, parse(parsed));
			this.cache.put(parsed, detected);
			return detected;
		}
		finally {
			this.parsers.release();
		}
	}

	private boolean withinShare(String client) {
		return this.newPerClient == null || client == null || this.newPerClient.of(client).tryConsume(1);
	}

	private boolean mayParse() {
		try {
			return this.parsers.tryAcquire(PARSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** What of a User-Agent is looked at: its first {@value #MAX_PARSED_LENGTH} characters. */
	static String parsedPart(String userAgent) {
		if (userAgent.length() <= MAX_PARSED_LENGTH) {
			return userAgent;
		}
		int end = Character.isHighSurrogate(userAgent.charAt(MAX_PARSED_LENGTH - 1)) ? MAX_PARSED_LENGTH - 1
				: MAX_PARSED_LENGTH;
		return userAgent.substring(0, end);
	}

	private Client parse(String userAgent) {
		return this.parser.join().parse(userAgent);
	}

	private static Detected classify(String userAgent, Client client) {
		String browser = family(client.userAgent == null ? null : client.userAgent.family);
		String os = family(client.os == null ? null : client.os.family);
		boolean spider = client.device != null && "Spider".equals(client.device.family);
		boolean bot = spider || BOT_WORDS.matcher(userAgent).find();
		return new Detected(type(userAgent), browser, os, bot);
	}

	private static String type(String ua) {
		// Tablet first: Android tablets and Kindles share tokens with phones but lack "Mobile".
		boolean android = ua.contains("Android");
		if (ua.contains("iPad") || ua.contains("Kindle") || ua.contains("Silk/")
				|| (ua.contains("Tablet") && !ua.contains("Tablet PC"))
				|| (android && !ua.contains("Mobile"))) {
			return TABLET;
		}
		if (ua.contains("iPhone") || ua.contains("iPod") || ua.contains("Windows Phone")
				|| ua.contains("Mobi") || ua.contains("Opera Mini")) {
			return MOBILE;
		}
		return DESKTOP;
	}

	/** uap-core's family as it gives it, {@code Other} included, which is also its name when it gives none. */
	private static String family(String family) {
		if (family == null || family.isBlank()) {
			return OTHER;
		}
		return family.length() > MAX_FAMILY_LENGTH ? family.substring(0, MAX_FAMILY_LENGTH) : family;
	}
}
