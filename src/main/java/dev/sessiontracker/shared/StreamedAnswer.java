package dev.sessiontracker.shared;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An answer written as it is read, for answers too large to be held in memory first (a user's export, a session's
 * events). It is written synchronously on the request's thread: no asynchronous request, so no async timeout can cut
 * it. Until the container's response buffer first fills, nothing has been sent, and a failure is answered as any other
 * (problem+json; Spring MVC drops the unsent part). Once the answer has begun, its status and headers are gone and it
 * cannot become a problem any more: the failure then reaches the container, which closes the connection without
 * ending the chunked body, so that a client sees a broken answer, never a cut one that looks whole. A client that
 * goes away meanwhile is not an error: there is nobody left to tell.
 * <p>
 * Such an answer holds a database connection (a cursor) for as long as its client takes to read it, so at most half
 * the pool's connections serve them at once ({@code TRACKER_DB_POOL_SIZE} / 2, at least one): one more is answered
 * 503 {@code overloaded} with Retry-After at once, and slow readers never take the connections ingestion needs.
 */
@Component
public final class StreamedAnswer {

	private static final Logger log = LoggerFactory.getLogger(StreamedAnswer.class);

	private final JsonMapper mapper;

	private final Semaphore inProgress;

	StreamedAnswer(JsonMapper mapper, @Value("${" + PoolSizeCheck.PROPERTY + ":10}") int poolSize) {
		this.mapper = mapper;
		this.inProgress = new Semaphore(Math.max(1, poolSize / 2));
	}

	/**
	 * Answers 200 with the JSON that {@code body} writes. The generator is closed (its last bytes handed to the
	 * container) only once the body has been written whole: on a failure, what is unsent stays unsent and nothing
	 * closes the open arrays and objects into a document that would parse.
	 */
	public void writeJson(HttpServletResponse response, JsonBody body) throws IOException {
		if (!this.inProgress.tryAcquire()) {
			throw new StreamsBusyException();
		}
		try {
			write(response, body);
		}
		finally {
			this.inProgress.release();
		}
	}

	private void write(HttpServletResponse response, JsonBody body) throws IOException {
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		ClientStream out = new ClientStream(response.getOutputStream());
		try {
			// Not flushed either: an answer that fits the container's buffer goes whole, with its Content-Length.
			JsonGenerator json = this.mapper.writer()
				.without(StreamWriteFeature.AUTO_CLOSE_CONTENT)
				.without(StreamWriteFeature.AUTO_CLOSE_TARGET)
				.without(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
				.createGenerator(out);
			body.writeTo(json);
			json.close();
		}
		catch (RuntimeException ex) {
			if (out.failed) {
				log.debug("The client went away during its answer: {}", ex.toString());
				return;
			}
			if (!response.isCommitted()) {
				throw ex;
			}
			throw new BrokenAnswerException(ex);
		}
	}

	/** Writes an answer's JSON; it must neither close nor flush the generator. */
	@FunctionalInterface
	public interface JsonBody {

		void writeTo(JsonGenerator json);

	}

	/** As many streamed answers in progress as may be. */
	static final class StreamsBusyException extends ProblemException {

		StreamsBusyException() {
			super(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service overloaded",
					"Too many large answers in progress. Retry after 1 s.");
		}

		@Override
		protected HttpHeaders headers() {
			return retryAfter(1);
		}

	}

	/** A failure after the answer began: for the container, which aborts the connection, not for a problem. */
	static final class BrokenAnswerException extends RuntimeException {

		BrokenAnswerException(Throwable cause) {
			super("The answer failed after it had begun: " + cause, cause);
		}

	}

	/**
	 * Lets a broken answer past every {@code @ExceptionHandler}: the general one would append a problem to the body
	 * already sent and end it normally. An exception handler that throws the exception it was given leaves it
	 * unresolved (Spring MVC then rethrows it to the container, without logging the rethrow).
	 */
	@RestControllerAdvice
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class BrokenAnswers {

		@ExceptionHandler(BrokenAnswerException.class)
		void abort(BrokenAnswerException ex) {
			throw ex;
		}

	}

	/** The response's stream, remembering whether writing to the client failed (it closed the connection). */
	private static final class ClientStream extends FilterOutputStream {

		private boolean failed;

		ClientStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			try {
				this.out.write(b);
			}
			catch (IOException ex) {
				this.failed = true;
				throw ex;
			}
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			try {
				this.out.write(b, off, len);
			}
			catch (IOException ex) {
				this.failed = true;
				throw ex;
			}
		}

		@Override
		public void flush() throws IOException {
			try {
				this.out.flush();
			}
			catch (IOException ex) {
				this.failed = true;
				throw ex;
			}
		}

		@Override
		public void close() {
			// the container ends the answer
		}

	}

}
