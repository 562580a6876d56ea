package dev.sessiontracker.shared;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.json.JSONFilter;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's report of an error it answers by itself (a request it could not parse or refused before any servlet ran):
 * RFC 9457 problem+json like every other error of this service, instead of Tomcat's HTML page. Errors that reach
 * Spring are answered there ({@code ProblemErrorController}, {@code ProblemHandler}) and never get here. Public
 * with a public constructor because Tomcat creates it by its class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String type = (known != null) ? Problems.slug(known) : "error";
		String detail = (status >= 500) ? "An unexpected error occurred."
				: "The request was refused before it reached the service: " + title + ".";
		String body = "{\"type\":\"" + Problems.type(type) + "\",\"title\":\"" + JSONFilter.escape(title)
				+ "\",\"status\":" + status + ",\"detail\":\"" + JSONFilter.escape(detail) + "\"}";
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed meanwhile: nothing more to say.
		}
	}

}
