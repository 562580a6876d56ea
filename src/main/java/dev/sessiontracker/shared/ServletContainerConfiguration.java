package dev.sessiontracker.shared;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Tomcat does before Spring sees a request. A user id may hold any character (api.md), so {@code a/b} reaches
 * {@code /user/a%2Fb/history}: encoded slashes and backslashes stay encoded in the path (one segment, decoded into
 * the path variable) instead of being refused; the security firewall allows them only where a user id goes
 * ({@code security.UserIdPathFirewall}). What Tomcat still refuses by itself (a malformed header, say) answers
 * problem+json, not its HTML page ({@link ProblemErrorReportValve}). While a request body is read, a read waits at
 * most {@code tracker.limits.body-read-timeout} instead of Tomcat's connection timeout ({@link BodyLimitFilter}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StandardHost.class)
class ServletContainerConfiguration {

	@Bean
	TomcatConnectorCustomizer encodedSlashesStayInTheirSegment() {
		return connector -> {
			connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
			connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
		};
	}

	// "100 Continue" only once the service reads the body: a body it refuses unread (413 for a declared length over
	// the limit, 415, 401) is answered at once, before the client sends it, instead of after the upload.
	@Bean
	TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
		return connector -> connector.setProperty("continueResponseTiming", "onRead");
	}

	/**
	 * Tomcat's upload timeout replaces its read timeout once a request's headers are read, until the next request: a
	 * client that falls silent in the middle of a body is answered 408 after the body read timeout, not after 60 s.
	 */
	@Bean
	TomcatConnectorCustomizer bodyReadTimeout(LimitProperties limits) {
		int millis = (int) Math.min(Integer.MAX_VALUE, limits.bodyReadTimeout().toMillis());
		return connector -> {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
				http.setDisableUploadTimeout(false);
				http.setConnectionUploadTimeout(millis);
			}
		};
	}

	@Bean
	TomcatContextCustomizer problemErrorReports() {
		return context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		};
	}

}
