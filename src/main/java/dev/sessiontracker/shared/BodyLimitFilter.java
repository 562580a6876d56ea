package dev.sessiontracker.shared;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body whole before the request goes on, within two limits: its size
 * ({@code tracker.limits.max-body-size}, 413) and its time ({@code tracker.limits.body-read-timeout}, 408).
 * <p>
 * Why first: a request whose body is still arriving does no work yet, but a slow client can keep it arriving for
 * hours (Tomcat's read timeout restarts with every byte). Read here, ahead of {@link ConcurrencyLimitFilter}, such a
 * request holds no permit, so permits bound only requests that work (database, CPU), and a few hundred connections
 * trickling a byte every few seconds no longer shut every other client out with 503. Behind
 * {@link RateLimitFilter}: a client over its rate is refused before its body is read.
 * <p>
 * Size: a declared length over the limit is refused at once, unread, and a chunked body as soon as it grows past the
 * limit, so a request buffers at most max-body-size (and Tomcat bounds the connections).
 * <p>
 * Time: the deadline runs from the first read. A blocking read cannot be interrupted, so the deadline is checked
 * whenever a read returns: a client that trickles is answered 408 at its first byte after the deadline. One that falls
 * silent meets Tomcat's read timeout, which {@link ServletContainerConfiguration} sets to the same duration while a
 * body is read, and Tomcat answers that 408 itself. Either way a body holds its connection at most about twice the
 * deadline, and Tomcat closes the connection after a 408 without reading the rest.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
class BodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final Duration timeout;

	private final JsonMapper json;

	BodyLimitFilter(LimitProperties limits, JsonMapper json) {
		this.maxBytes = limits.maxBodySize().toBytes();
		this.timeout = limits.bodyReadTimeout();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			Problems.write(response, this.json, tooLarge(this.maxBytes));
			return;
		}
		if (declared == 0 || (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null)) {
			chain.doFilter(request, response); // no body
			return;
		}
		byte[] body;
		try {
			body = read(request.getInputStream(), declared);
		}
		catch (Refused refused) {
			Problems.write(response, this.json, refused.problem);
			return;
		}
		catch (IOException ex) {
			// The client went away or sent a malformed chunk; Tomcat has already answered the request 400.
			return;
		}
		chain.doFilter(new BufferedRequest(request, body), response);
	}

	private byte[] read(InputStream in, long declared) throws IOException, Refused {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		int expected = (int) Math.min(declared > 0 ? declared : 1024, this.maxBytes);
		ByteArrayOutputStream body = new ByteArrayOutputStream(expected);
		byte[] chunk = new byte[8192];
		try {
			for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
				if (System.nanoTime() - deadline > 0) {
					throw new Refused(timedOut(this.timeout));
				}
				if (body.size() + n > this.maxBytes) {
					throw new Refused(tooLarge(this.maxBytes));
				}
				body.write(chunk, 0, n);
			}
		}
		catch (IOException ex) {
			if (System.nanoTime() - deadline > 0) {
				// Tomcat's read timeout: it has already answered 408, the same problem as ours but for the detail.
				throw new Refused(timedOut(this.timeout));
			}
			throw ex;
		}
		return body.toByteArray();
	}

	static ProblemDetail tooLarge(long maxBytes) {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				"The request body is larger than the limit of " + maxBytes + " bytes.");
		problem.setProperty("maxBytes", maxBytes);
		return problem;
	}

	static ProblemDetail timedOut(Duration timeout) {
		String limit = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
		return Problems.of(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request Timeout",
				"The request body did not arrive within the limit of " + limit + ".");
	}

	/** The body is refused with this problem. */
	private static final class Refused extends Exception {

		private final transient ProblemDetail problem;

		Refused(ProblemDetail problem) {
			super(problem.getDetail(), null, false, false);
			this.problem = problem;
		}

	}

	/** The request with its body read: its stream reads from memory and can no longer keep anyone waiting. */
	private static final class BufferedRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private ServletInputStream stream;

		BufferedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			if (this.stream == null) {
				this.stream = new MemoryInputStream(this.body);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), encoding != null ? encoding
					: "ISO-8859-1"));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

	private static final class MemoryInputStream extends ServletInputStream {

		private final ByteArrayInputStream in;

		MemoryInputStream(byte[] body) {
			this.in = new ByteArrayInputStream(body);
		}

		@Override
		public int read() {
			return this.in.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.in.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.in.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			try {
				if (!isFinished()) {
					listener.onDataAvailable();
				}
				listener.onAllDataRead();
			}
			catch (IOException ex) {
				listener.onError(ex);
			}
		}

	}

}
