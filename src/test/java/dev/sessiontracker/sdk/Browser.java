package dev.sessiontracker.sdk;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven through the system's chromedriver. Nothing is ever downloaded: the driver and the
 * browser are given by path, so Selenium Manager is never asked for either.
 */
final class Browser implements AutoCloseable {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private final Path profile;

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	Browser() {
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
	static boolean available() {
		return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
	}

	ChromeDriver driver() {
		return this.driver;
	}

	void open(String url) {
		this.driver.get(url);
	}

	Object js(String script, Object... args) {
		return this.driver.executeScript(script, args);
	}

	/** Runs an asynchronous script; its last argument is the callback that ends it with a result. */
	Object jsAsync(String script, Object... args) {
		return this.driver.executeAsyncScript(script, args);
	}

	/** Opens a new tab, switches to it and returns its handle. */
	String newTab() {
		return this.driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
	}

	String handle() {
		return this.driver.getWindowHandle();
	}

	void switchTo(String handle) {
		this.driver.switchTo().window(handle);
	}

	void setOffline(boolean offline) {
		this.driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(offline));
	}

	/** Makes the page believe it was hidden (another tab, minimised), as the browser would tell it. */
	void hide() {
		visibility("hidden", true);
	}

	void show() {
		visibility("visible", false);
	}

	private void visibility(String state, boolean hidden) {
		js("Object.defineProperty(document, 'visibilityState', {value: arguments[0], configurable: true});"
				+ "Object.defineProperty(document, 'hidden', {value: arguments[1], configurable: true});"
				+ "document.dispatchEvent(new Event('visibilitychange'));", state, hidden);
	}

	/** The browser's SEVERE console entries since the last call. */
	List<String> consoleErrors() {
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
