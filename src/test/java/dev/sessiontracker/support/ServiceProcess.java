package dev.sessiontracker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The packaged service as a child JVM, the way it runs in production: {@code java -jar}, configured by environment
 * variables. It can be killed ({@code kill -9}) or terminated ({@code SIGTERM}) like any process.
 */
public final class ServiceProcess {

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the jar with the environment (plus {@code SERVER_PORT}) and returns once its liveness is UP.
	 * @param log where its output goes, appended across restarts
	 */
	public static ServiceProcess start(int port, Map<String, String> environment, Path log, Duration startup) {
		try {
			ProcessBuilder builder = java(List.of(), environment, log);
			builder.environment().put("SERVER_PORT", Integer.toString(port));
			ServiceProcess service = new ServiceProcess(builder.start(), port, log);
			service.awaitLive(startup);
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs the jar with more JVM options (a training run, say) until it exits by itself.
	 * @return its exit code
	 */
	public static int run(List<String> options, Map<String, String> environment, Path log, Duration max)
			throws IOException, InterruptedException {
		ServiceProcess service = new ServiceProcess(java(options, environment, log).start(), 0, log);
		if (!service.waitForExit(max)) {
			service.kill();
			throw new IllegalStateException("Still running after " + max + "; see " + log);
		}
		return service.process.exitValue();
	}

	private static ProcessBuilder java(List<String> options, Map<String, String> environment, Path log)
			throws IOException {
		Files.createDirectories(log.getParent());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// TieredStopAtLevel=1 starts faster, which is what a restart measures; the load here needs no peak performance.
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
		command.addAll(options);
		command.addAll(List.of("-jar", jar().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("TRACKER_"));
		builder.environment().putAll(environment);
		return builder;
	}

	/** The jar {@code package} built: the failsafe plugin passes it, else the one in {@code target/}. */
	static Path jar() throws IOException {
		String configured = System.getProperty("service.jar");
		if (configured != null && Files.exists(Path.of(configured))) {
			return Path.of(configured);
		}
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(p -> p.getFileName().toString().matches("session-tracker-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No jar in target/: run ./mvnw package first"));
		}
	}

	private void awaitLive(Duration startup) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		await().atMost(startup).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The service exited with " + this.process.exitValue() + "; see "
						+ this.log);
			}
			try {
				return client
					.send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	/** {@code kill -9}: no shutdown hook, no graceful anything. */
	public void kill() {
		this.process.destroyForcibly();
		waitForExit(Duration.ofSeconds(30));
	}

	/** {@code SIGTERM}, as a container runtime or systemd sends it. */
	public void terminate() {
		this.process.destroy();
	}

	/** @return whether it exited within the time */
	public boolean waitForExit(Duration max) {
		try {
			return this.process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public int port() {
		return this.port;
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	public Path log() {
		return this.log;
	}

	/** The last lines of its output, for failure messages. */
	public String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
