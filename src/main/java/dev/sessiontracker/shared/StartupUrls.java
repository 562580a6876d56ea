package dev.sessiontracker.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where to find it. */
@Component
class StartupUrls {

	private static final Logger log = LoggerFactory.getLogger(StartupUrls.class);

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
			String base = "http://localhost:" + web.getWebServer().getPort();
			log.info("Session tracker ready. API: {}/api/v1/sessions  Swagger UI: {}/swagger-ui.html  "
					+ "OpenAPI: {}/v3/api-docs  Health: {}/actuator/health", base, base, base, base);
		}
	}

}
