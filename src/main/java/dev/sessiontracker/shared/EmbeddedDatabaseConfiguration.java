package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL from the application's own jar when no external database is configured, so that
 * {@code ./mvnw spring-boot:run} needs nothing installed. Its data directory survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	// The file zonky's EmbeddedPostgres locks in the data directory while its server runs.
	static final String LOCK_FILE = "epg-lock";

	/**
	 * The major version of the PostgreSQL this build carries (pom.xml's {@code postgres-binaries.version}), as
	 * PostgreSQL writes it into a data directory's {@code PG_VERSION}; a test starts the server and compares.
	 */
	static final String POSTGRES_MAJOR = "18";

	/**
	 * Starts PostgreSQL on a thread of its own as soon as the bean definitions are known, so its start (about 0.7 s
	 * on an existing data directory) overlaps the rest of the context's start-up instead of preceding the data
	 * source, which then waits for it. This configuration applies only when no data source URL is set, so nothing
	 * is started otherwise.
	 */
	@Bean
	static EmbeddedPostgresStarter embeddedPostgresStarter(Environment environment) {
		return new EmbeddedPostgresStarter(environment);
	}

	// The starter owns the server's lifecycle (it stops it even when the context fails before this bean exists).
	@Bean(destroyMethod = "")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresStarter starter) throws IOException {
		return starter.await();
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresStarter starter) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setPassword(starter.password());
		return dataSource;
	}

	/**
	 * Starts the server on {@code port} (0: a free one) with the data directory of {@code properties}, its superuser
	 * asking for {@code password} ({@link EmbeddedPostgresPassword#of}).
	 */
	static EmbeddedPostgres start(EmbeddedDatabaseProperties properties, int port, String password) throws IOException {
		Path dataDir = properties.dataDir().toAbsolutePath();
		Files.createDirectories(dataDir);
		requireUnused(dataDir);
		requirePostgresData(dataDir);
		stopOrphanedServer(dataDir);
		if (port > 0) {
			requireFreePort(port);
		}
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setOverrideWorkingDirectory(EmbeddedPostgresBinaries.directory().toFile())
			.setPGStartupWait(Duration.ofSeconds(60))
			// a connection whose server never answers fails instead of hanging the start
			.setConnectConfig("loginTimeout", "10")
			// zonky's hook would stop the server the moment the JVM is asked to stop, under the requests that graceful
			// shutdown lets finish: the starter stops it after them (see EmbeddedPostgresStarter)
			.setRegisterShutdownHook(false)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on");
		if (port > 0) {
			builder.setPort(port);
		}
		boolean passwordInForce = EmbeddedPostgresPassword.inForce(dataDir, password);
		if (passwordInForce) {
			builder.setConnectConfig("password", password);
		}
		EmbeddedPostgres postgres = builder.start();
		requireOwnServer(postgres, dataDir);
		if (!passwordInForce) {
			EmbeddedPostgresPassword.enforce(postgres, dataDir, password, properties.password());
		}
		log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDir);
		return postgres;
	}

	/**
	 * Starts the server and stops it as the context closes: after the web server's graceful shutdown, so that the
	 * requests in progress at a SIGTERM or Ctrl-C finish with their database. A JVM shutdown hook of its own stops the
	 * server should no context close come (a signal during start-up before the context exists, or a context whose
	 * close hangs past every shutdown phase), waiting for the close first.
	 * <p>
	 * A server that stops on its own meanwhile (killed, or by the kernel's out-of-memory killer) is started again on
	 * the same port and directory, so the data source's URL stays right and the service recovers as it does from an
	 * external database's restart; PostgreSQL replays its WAL, so nothing committed is lost.
	 */
	static final class EmbeddedPostgresStarter
			implements BeanFactoryPostProcessor, SmartInitializingSingleton, DisposableBean {

		private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

		private static final Duration LAST_RETRY = Duration.ofSeconds(30);

		private final Environment environment;

		private final CountDownLatch stopped = new CountDownLatch(1);

		private final Object lifecycle = new Object();

		// null until the bean definitions are known and the server's start begins
		private volatile CompletableFuture<EmbeddedPostgres> postgres;

		private volatile EmbeddedDatabaseProperties properties;

		// the superuser's password, resolved before the first start
		private volatile String password;

		private volatile Thread shutdownHook;

		// guarded by lifecycle: the server running now (the first one, or the one started after it stopped)
		private EmbeddedPostgres current;

		// guarded by lifecycle: set once the server is to stop for good
		private boolean stopping;

		// completes once the current server has exited and the reaction to that is over
		private volatile CompletableFuture<Void> watch = CompletableFuture.completedFuture(null);

		EmbeddedPostgresStarter(Environment environment) {
			this.environment = environment;
		}

		/** The settings the server was started with (known once the bean definitions are). */
		EmbeddedDatabaseProperties properties() {
			return this.properties;
		}

		/**
		 * The superuser's password, once the server has started: configured, or made up for its directory. Resolved
		 * once, before the first start: a server started again after it stopped asks for the same one, which the
		 * data source gives, even if the directory's file was lost meanwhile.
		 */
		String password() {
			return this.password;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			Binder binder = Binder.get(this.environment);
			EmbeddedDatabaseProperties properties = binder.bindOrCreate("tracker.embedded-db",
					EmbeddedDatabaseProperties.class);
			this.properties = properties;
			// the web server's phase and the one after it, with room for the beans' own closing
			Duration closing = binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
				.orElse(Duration.ofSeconds(30))
				.multipliedBy(2)
				.plusSeconds(10);
			this.postgres = OwnThread.start("embedded-postgres-start", () -> {
				this.password = EmbeddedPostgresPassword.of(properties.dataDir().toAbsolutePath(),
						properties.password());
				return watched(start(properties, properties.port(), this.password), properties);
			});
			this.shutdownHook = new Thread(() -> stopAfterTheContext(closing), "embedded-postgres-stop");
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}

		private void stopAfterTheContext(Duration closing) {
			try {
				if (this.stopped.await(closing.toMillis(), TimeUnit.MILLISECONDS)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			log.warn("The context did not close within {}: stopping the embedded PostgreSQL", closing);
			stop();
		}

		EmbeddedPostgres await() throws IOException {
			try {
				return this.postgres.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while the embedded PostgreSQL started", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof IOException io) {
					throw io;
				}
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException("The embedded PostgreSQL did not start", ex.getCause());
			}
		}

		/**
		 * A training run ({@code -Dspring.context.exit=onRefresh}, which records a class data archive or an AOT cache)
		 * ends the JVM with {@code Runtime.halt} right after the beans are created. That runs no shutdown hook, so the
		 * server would outlive the JVM, holding its port and its data directory: it is stopped here, just before.
		 */
		@Override
		public void afterSingletonsInstantiated() {
			if (DefaultLifecycleProcessor.ON_REFRESH_VALUE
				.equalsIgnoreCase(SpringProperties.getProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME))) {
				destroy();
			}
		}

		@Override
		public void destroy() {
			stop();
			Thread hook = this.shutdownHook;
			if (hook != null) {
				try {
					Runtime.getRuntime().removeShutdownHook(hook);
				}
				catch (IllegalStateException ex) {
					// the JVM is stopping: the hook runs, finds the server stopped and returns
				}
			}
		}

		private void stop() {
			if (this.postgres == null) {
				return;
			}
			try {
				EmbeddedPostgres first = await();
				EmbeddedPostgres server;
				synchronized (this.lifecycle) {
					this.stopping = true;
					server = (this.current != null) ? this.current : first;
				}
				server.close();
			}
			catch (IOException | RuntimeException ex) {
				// it never ran; the data source's failure has been reported already
			}
			finally {
				this.stopped.countDown();
			}
		}

		/** Completes once the running server has exited and the reaction to that (a new start, or none) is over. */
		CompletableFuture<Void> watch() {
			return this.watch;
		}

		private EmbeddedPostgres watched(EmbeddedPostgres server, EmbeddedDatabaseProperties properties) {
			synchronized (this.lifecycle) {
				if (this.stopping) {
					closeQuietly(server);
					return server;
				}
				this.current = server;
			}
			Path dataDir = properties.dataDir().toAbsolutePath();
			Optional<ProcessHandle> postmaster = readPid(dataDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of);
			if (postmaster.isEmpty()) {
				log.warn("Cannot find the embedded PostgreSQL's process in {}: it is not started again should it stop",
						dataDir);
				return server;
			}
			this.watch = postmaster.get()
				.onExit()
				.thenAcceptAsync((exited) -> startAgain(server, properties, exited.pid()),
						(task) -> OwnThread.start("embedded-postgres-restart", Executors.callable(task)));
			return server;
		}

		private void startAgain(EmbeddedPostgres stopped, EmbeddedDatabaseProperties properties, long pid) {
			synchronized (this.lifecycle) {
				if (this.stopping) {
					return;
				}
			}
			log.error("The embedded PostgreSQL (process {}) stopped on its own: starting it again on port {}", pid,
					stopped.getPort());
			closeQuietly(stopped); // releases its lock on the data directory
			Duration retry = FIRST_RETRY;
			while (!startedAgain(stopped, properties, retry)) {
				try {
					Thread.sleep(retry.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				synchronized (this.lifecycle) {
					if (this.stopping) {
						return;
					}
				}
				retry = (retry.compareTo(LAST_RETRY.dividedBy(2)) > 0) ? LAST_RETRY : retry.multipliedBy(2);
			}
			log.info("The embedded PostgreSQL runs again on port {}", stopped.getPort());
		}

		private boolean startedAgain(EmbeddedPostgres stopped, EmbeddedDatabaseProperties properties, Duration retry) {
			try {
				watched(start(properties, stopped.getPort(), this.password), properties);
				return true;
			}
			catch (IOException | RuntimeException ex) {
				// a backend of the killed server may still hold its shared memory for a moment, or the port be taken
				log.error("The embedded PostgreSQL did not start again ({}): next try in {} s", ex.getMessage(),
						retry.toSeconds());
				return false;
			}
		}

	}

	private static void closeQuietly(EmbeddedPostgres server) {
		try {
			server.close();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not close the embedded PostgreSQL on port {}: {}", server.getPort(), ex.getMessage());
		}
	}

	/**
	 * Refuses a data directory that a running instance's embedded PostgreSQL uses: zonky's EmbeddedPostgres keeps
	 * {@value #LOCK_FILE} in it locked for as long as its server runs, and the operating system frees the lock when
	 * that JVM ends, {@code kill -9} included. Without this check, a second start on the directory would take the
	 * running instance's PostgreSQL for a leftover of a killed run and stop it under that instance.
	 * @throws UnusableDataDirectoryException when another process (or this one) holds the lock
	 */
	static void requireUnused(Path dataDir) {
		Path lockFile = dataDir.resolve(LOCK_FILE);
		if (!Files.exists(lockFile)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new UnusableDataDirectoryException(dataDir, UnusableDataDirectoryException.Reason.IN_USE, null);
			}
			lock.release();
		}
		catch (OverlappingFileLockException ex) { // this JVM runs a server on it already
			throw new UnusableDataDirectoryException(dataDir, UnusableDataDirectoryException.Reason.IN_USE, null);
		}
		catch (IOException ex) {
			log.warn("Could not tell whether another instance uses {}: {}", dataDir, ex.getMessage());
		}
	}

	/**
	 * Refuses a port that another process listens on: PostgreSQL would fail to listen there, and zonky's wait for its
	 * start would take the other server's answer for its own, so the service would use that server's database.
	 * @throws PortInUseException when the port cannot be bound on the loopback address
	 */
	static void requireFreePort(int port) {
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			throw new PortInUseException(port, null);
		}
	}

	/**
	 * Makes sure the server that answered on the port runs on this data directory: another one may have taken the
	 * port between {@link #requireFreePort} and PostgreSQL's start, or listen on an address that the check did not
	 * bind.
	 * @throws PortInUseException when the server answering is another one (this one is closed)
	 */
	static void requireOwnServer(EmbeddedPostgres postgres, Path dataDir) throws IOException {
		String served;
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('data_directory')")) {
			result.next();
			served = result.getString(1);
		}
		catch (SQLException ex) {
			closeQuietly(postgres);
			throw new IOException("Could not ask the embedded PostgreSQL for its data directory: " + ex.getMessage(), ex);
		}
		if (!isSameDirectory(served, dataDir)) {
			closeQuietly(postgres);
			throw new PortInUseException(postgres.getPort(), served);
		}
	}

	/** Whether the server's data directory is this one; one this machine does not have (a container's) is not. */
	private static boolean isSameDirectory(String served, Path dataDir) {
		try {
			return Files.isSameFile(Path.of(served), dataDir);
		}
		catch (IOException | InvalidPathException ex) {
			return false;
		}
	}

	/** The embedded PostgreSQL's port is taken by another process ({@link EmbeddedPostgresFailureAnalyzer}). */
	static final class PortInUseException extends IllegalStateException {

		private final int port;

		PortInUseException(int port, String otherDataDir) {
			super("The embedded PostgreSQL's port " + port + " is in use by another process"
					+ ((otherDataDir != null) ? " (a PostgreSQL on " + otherDataDir + ")" : ""));
			this.port = port;
		}

		int port() {
			return this.port;
		}

	}

	/**
	 * Refuses a data directory that another major version of PostgreSQL wrote (an external server's, or one of a
	 * build that carried another version), and one that holds other files and no PostgreSQL data: PostgreSQL reads
	 * only its own major version's files, initdb writes only into an empty directory, and either failure would be
	 * reported as a stack trace, the first after a minute's wait for the server's start.
	 * @throws UnusableDataDirectoryException when its {@code PG_VERSION} names another major version, or when it has
	 * no {@code PG_VERSION} but other files
	 */
	static void requirePostgresData(Path dataDir) {
		Path versionFile = dataDir.resolve("PG_VERSION");
		try {
			if (!Files.exists(versionFile)) {
				try (Stream<Path> files = Files.list(dataDir)) {
					if (files.anyMatch(file -> !file.getFileName().toString().equals(LOCK_FILE))) {
						throw new UnusableDataDirectoryException(dataDir, UnusableDataDirectoryException.Reason.NOT_EMPTY,
								null);
					}
				}
				return; // a new directory: initdb fills it
			}
			String version = Files.readString(versionFile).trim();
			if (!version.equals(POSTGRES_MAJOR)) {
				throw new UnusableDataDirectoryException(dataDir, UnusableDataDirectoryException.Reason.OTHER_VERSION,
						version);
			}
		}
		catch (IOException ex) {
			log.warn("Could not read {}: {}", dataDir, ex.getMessage());
		}
	}

	/** The embedded PostgreSQL cannot use its data directory, and why ({@link EmbeddedPostgresFailureAnalyzer}). */
	static final class UnusableDataDirectoryException extends IllegalStateException {

		enum Reason {

			/** Another running instance's embedded PostgreSQL uses it. */
			IN_USE("is in use by another running instance"),

			/** It holds the files of another major version of PostgreSQL. */
			OTHER_VERSION("holds the files of another major version of PostgreSQL"),

			/** It holds other files and no PostgreSQL data. */
			NOT_EMPTY("holds other files and no PostgreSQL data");

			private final String description;

			Reason(String description) {
				this.description = description;
			}

		}

		private final Path dataDir;

		private final Reason reason;

		private final String version;

		UnusableDataDirectoryException(Path dataDir, Reason reason, String version) {
			super("The embedded PostgreSQL's data directory " + dataDir + " " + reason.description
					+ ((version != null) ? " (" + version + ", not " + POSTGRES_MAJOR + ")" : ""));
			this.dataDir = dataDir;
			this.reason = reason;
			this.version = version;
		}

		Path dataDir() {
			return this.dataDir;
		}

		Reason reason() {
			return this.reason;
		}

		/** The major version whose files the directory holds ({@link Reason#OTHER_VERSION}), else null. */
		String version() {
			return this.version;
		}

	}

	/**
	 * After a {@code kill -9} of the JVM the PostgreSQL child outlives it and still holds the data directory;
	 * asking it to shut down lets the new start reuse the directory (PostgreSQL itself replays its WAL). After a
	 * restart of the host or container, though, the pid in a stale {@code postmaster.pid} may belong to anything,
	 * this JVM included: only a PostgreSQL running on this data directory is stopped; a lock file naming another
	 * live process is stale and removed, as PostgreSQL would otherwise refuse to start.
	 */
	static void stopOrphanedServer(Path dataDir) {
		Path pidFile = dataDir.resolve("postmaster.pid");
		Optional<ProcessHandle> alive = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
		if (alive.isEmpty()) {
			return; // no lock file, or its process is gone: PostgreSQL removes a stale one itself
		}
		ProcessHandle process = alive.get();
		switch (owner(process, dataDir)) {
			case THIS_DIRECTORY -> stop(process, dataDir);
			case OTHER -> {
				log.warn("Removing the stale {}: its process {} is not a PostgreSQL on this directory", pidFile,
						process.pid());
				try {
					Files.deleteIfExists(pidFile);
				}
				catch (IOException ex) {
					log.warn("Could not remove {}: {}", pidFile, ex.getMessage());
				}
			}
			case UNKNOWN -> log.warn("Leaving {} alone: cannot tell whether process {} runs on it", pidFile,
					process.pid());
		}
	}

	private enum Owner {

		THIS_DIRECTORY, OTHER, UNKNOWN

	}

	private static Owner owner(ProcessHandle process, Path dataDir) {
		if (process.pid() == ProcessHandle.current().pid()) {
			return Owner.OTHER;
		}
		Optional<String> command = process.info().command();
		if (command.isEmpty()) {
			return Owner.UNKNOWN;
		}
		// "postgres", or "postgres (deleted)" when its binaries were removed while it ran
		if (!Path.of(command.get()).getFileName().toString().startsWith("postgres")) {
			return Owner.OTHER;
		}
		// A PostgreSQL whose arguments do not name this directory may still run on it (through a symbolic link,
		// say): its lock file must stay, and PostgreSQL itself then refuses to start a second server on it.
		return process.info()
			.arguments()
			.filter(arguments -> java.util.Arrays.asList(arguments).contains(dataDir.toString()))
			.map(arguments -> Owner.THIS_DIRECTORY)
			.orElse(Owner.UNKNOWN);
	}

	private static void stop(ProcessHandle process, Path dataDir) {
		log.warn("Stopping PostgreSQL process {} left running on {} by an earlier run", process.pid(), dataDir);
		process.destroy();
		try {
			process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.destroyForcibly();
		}
	}

	private static Optional<Long> readPid(Path pidFile) {
		try {
			return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::valueOf);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	static class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
