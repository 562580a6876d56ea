package dev.sessiontracker.shared;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * The database's health check ({@code db} in {@code /actuator/health} and in the readiness group): Spring Boot's,
 * logged as the database goes away and as it comes back, one line each. Spring Boot's own logs a stack trace of some
 * 150 lines at every failing probe, so an orchestrator probing readiness every few seconds through an outage buried
 * the service's log under them. Named as Spring Boot's would be, which then is not made.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator extends DataSourceHealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(DatabaseHealthIndicator.class);

	private final AtomicBoolean down = new AtomicBoolean();

	DatabaseHealthIndicator(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		try {
			super.doHealthCheck(builder);
		}
		catch (Exception ex) {
			// not builder.down(ex), whose exception the health check logs with its trace
			String cause = NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
			builder.down().withDetail("error", cause);
			if (this.down.compareAndSet(false, true)) {
				log.warn("The database's health check fails, so the service is not ready until it passes again "
						+ "(logged once): {}", cause);
			}
			return;
		}
		boolean up = Status.UP.equals(builder.build().getStatus());
		if (!up && this.down.compareAndSet(false, true)) {
			log.warn("The database's health check fails: a connection is not valid (logged once)");
		}
		else if (up && this.down.compareAndSet(true, false)) {
			log.info("The database's health check passes again");
		}
	}

}
