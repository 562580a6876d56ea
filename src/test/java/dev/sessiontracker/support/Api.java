package dev.sessiontracker.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A thin real-HTTP client for tests: sends raw bodies (so malformed JSON is possible) and parses answers. */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Sent unless a test sets its own, so that sessions have a browser and OS family (not the JDK client's Other). */
	public static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/131.0.0.0 Safari/537.36";

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private final String readKey;

	/** A client without the read key, as a browser on the open internet. */
	public Api(int port) {
		this(port, null);
	}

	/** A client that sends the read key with every request. */
	public Api(int port, String readKey) {
		this.base = "http://localhost:" + port;
		this.readKey = readKey;
	}

	public Response get(String path) {
		return get(path, Map.of());
	}

	public Response get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
		headers.forEach(request::setHeader);
		return send(request);
	}

	public Response post(String path, String body) {
		return post(path, body, Map.of());
	}

	public Response post(String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::setHeader);
		return send(request);
	}

	public Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE());
	}

	public Response send(HttpRequest.Builder request) {
		if (request.build().headers().firstValue("User-Agent").isEmpty()) {
			request.setHeader("User-Agent", BROWSER);
		}
		if (this.readKey != null) {
			request.setHeader("Authorization", "Bearer " + this.readKey);
		}
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends {@code request} as it is (what an HTTP client would refuse to send) and reads the whole answer. */
	public static String raw(int port, String request) {
		try (Socket socket = new Socket("localhost", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	/** An HTTP answer with its body parsed as JSON when it is JSON. */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public String text(String field) {
			JsonNode node = json().get(field);
			return node == null || node.isNull() ? null : node.asString();
		}

	}

}
