package dev.sessiontracker.sdk;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * A headless Chromium driven through the system's chromedriver. Nothing is ever downloaded: the driver and the
 * browser are given by path, so Selenium Manager is never asked for either.
 */
public final class Browser implements AutoCloseable {

	public static final String CHROMIUM = "/usr/bin/chromium";

	public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private final Path profile;

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	public Browser() {
		try {
			this.profile = Files.createTempDirectory("sdk-browser-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,900", "--user-data-dir=" + this.profile,
				// New headless reports an 800x600 screen whatever the window size; the page's screen is this one.
				"--screen-info={1280x900}");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
		try {
			this.driver = new ChromeDriver(this.service, options);
		}
		catch (RuntimeException ex) {
			this.service.stop();
			deleteProfile();
			throw ex;
		}
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(10));
	}

	/** Whether the system's browser and driver are installed, so that the browser tests can run. */
	public static boolean available() {
		return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	public void open(String url) {
		this.driver.get(url);
	}

	public Object js(String script, Object... args) {
		return this.driver.executeScript(script, args);
	}

	/** Runs an asynchronous script; its last argument is the callback that ends it with a result. */
	public Object jsAsync(String script, Object... args) {
		return this.driver.executeAsyncScript(script, args);
	}

	/** Opens a new tab, switches to it and returns its handle. */
	public String newTab() {
		return this.driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
	}

	public String handle() {
		return this.driver.getWindowHandle();
	}

	public void switchTo(String handle) {
		this.driver.switchTo().window(handle);
	}

	public void setOffline(boolean offline) {
		this.driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(offline));
	}

	/** Makes the page believe it was hidden (another tab, minimised), as the browser would tell it. */
	public void hide() {
		visibility("hidden", true);
	}

	public void show() {
		visibility("visible", false);
	}

	private void visibility(String state, boolean hidden) {
		js("Object.defineProperty(document, 'visibilityState', {value: arguments[0], configurable: true});"
				+ "Object.defineProperty(document, 'hidden', {value: arguments[1], configurable: true});"
				+ "document.dispatchEvent(new Event('visibilitychange'));", state, hidden);
	}

	/**
	 * Polls the page every 50 ms, for at most 10 s, until the probe returns something other than null or false, and
	 * returns it. Elements that are missing or replaced while the page renders count as not yet there.
	 */
	public <T> T await(String what, Function<ChromeDriver, T> probe) {
		return await(what, probe, value -> value != null && !Boolean.FALSE.equals(value));
	}

	/**
	 * Polls the page every 50 ms, for at most 10 s, until what the probe returns satisfies the condition, and returns
	 * it; a timeout names the last value seen. Elements missing or replaced while the page renders are not yet there.
	 */
	public <T> T await(String what, Function<ChromeDriver, T> probe, Predicate<T> done) {
		AtomicReference<T> last = new AtomicReference<>();
		return new FluentWait<>(this.driver).withTimeout(Duration.ofSeconds(10))
			.pollingEvery(Duration.ofMillis(50))
			.ignoring(NoSuchElementException.class)
			.ignoring(StaleElementReferenceException.class)
			.withMessage(() -> what + "; last seen: " + last.get())
			.until(driver -> {
				last.set(probe.apply(driver));
				return done.test(last.get()) ? Optional.ofNullable(last.get()) : null;
			})
			.orElse(null);
	}

	/** Waits until an element matching the CSS selector is displayed and returns it. */
	public WebElement waitFor(String cssSelector) {
		return await(cssSelector + " displayed", driver -> driver.findElements(By.cssSelector(cssSelector))
			.stream()
			.filter(WebElement::isDisplayed)
			.findFirst()
			.orElse(null));
	}

	/** Waits until the text of the element matching the CSS selector is the expected one, and returns it. */
	public String waitForText(String cssSelector, String expected) {
		return await(cssSelector + " reads '" + expected + "'",
				driver -> driver.findElement(By.cssSelector(cssSelector)).getText().strip(), expected::equals);
	}

	public WebElement find(String cssSelector) {
		return this.driver.findElement(By.cssSelector(cssSelector));
	}

	public List<WebElement> findAll(String cssSelector) {
		return this.driver.findElements(By.cssSelector(cssSelector));
	}

	/** Sets the size of the window (and so of the viewport that screenshots show). */
	public void windowSize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/** Saves a PNG of what the window shows to the file, creating its folder, and returns the file. */
	public Path screenshot(Path file) {
		return write(file, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * Saves a PNG of the whole page, also what lies below the window, to the file, creating its folder, and returns
	 * the file. Chromium renders the page beyond the viewport for it (DevTools' captureBeyondViewport) only when the
	 * page is larger than the window: doing so resizes the viewport for a moment, and a responsive page (charts that
	 * follow their card's width) would be caught redrawing.
	 */
	public Path fullPageScreenshot(Path file) {
		@SuppressWarnings("unchecked")
		Map<String, Number> size = (Map<String, Number>) js("var d = document.documentElement;"
				+ " return {width: Math.max(d.scrollWidth, window.innerWidth),"
				+ " height: Math.max(d.scrollHeight, document.body ? document.body.scrollHeight : 0),"
				+ " windowWidth: window.innerWidth, windowHeight: window.innerHeight};");
		boolean beyond = size.get("width").doubleValue() > size.get("windowWidth").doubleValue()
				|| size.get("height").doubleValue() > size.get("windowHeight").doubleValue();
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
				"scale", 1);
		Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", beyond, "clip", clip));
		return write(file, Base64.getDecoder().decode((String) shot.get("data")));
	}

	private static Path write(Path file, byte[] png) {
		try {
			Path folder = file.toAbsolutePath().getParent();
			if (folder != null) {
				Files.createDirectories(folder);
			}
			return Files.write(file, png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The browser's SEVERE console entries since the last call. */
	public List<String> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> paths = Files.walk(this.profile)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary profile is harmless
		}
	}

}
