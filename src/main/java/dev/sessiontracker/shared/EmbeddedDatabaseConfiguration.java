package dev.sessiontracker.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
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

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		Path dataDir = properties.dataDir().toAbsolutePath();
		Files.createDirectories(dataDir);
		stopOrphanedServer(dataDir);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on");
		if (properties.port() > 0) {
			builder.setPort(properties.port());
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDir);
		return postgres;
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		return dataSource;
	}

	/**
	 * After a {@code kill -9} of the JVM the PostgreSQL child outlives it and still holds the data directory;
	 * asking it to shut down lets the new start reuse the directory (PostgreSQL itself replays its WAL).
	 */
	static void stopOrphanedServer(Path dataDir) {
		Path pidFile = dataDir.resolve("postmaster.pid");
		readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(process -> {
			log.warn("Stopping PostgreSQL process {} left running on {} by an earlier run", process.pid(), dataDir);
			process.destroy();
			try {
				process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				process.destroyForcibly();
			}
		});
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
