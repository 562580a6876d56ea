package dev.sessiontracker.shared;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service which build runs and where to find it. */
@Component
class StartupUrls {

	private static final Logger log = LoggerFactory.getLogger(StartupUrls.class);

	private final ObjectProvider<BuildProperties> build;

	/** @param build from META-INF/build-info.properties, which a Maven build writes (an IDE's run may have none) */
	StartupUrls(ObjectProvider<BuildProperties> build) {
		this.build = build;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
			log.info(line(Optional.ofNullable(this.build.getIfAvailable()), web.getWebServer().getPort()));
		}
	}

	static String line(Optional<BuildProperties> build, int port) {
		String version = build.map(info -> " " + info.getVersion()
				+ ((info.getTime() != null) ? " (built " + info.getTime() + ")" : "")).orElse("");
		String base = "http://localhost:" + port;
		return "Session tracker" + version + " ready. API: " + base + "/api/v1/sessions  Swagger UI: " + base
				+ "/swagger-ui.html  OpenAPI: " + base + "/v3/api-docs  Health: " + base + "/actuator/health";
	}

}
