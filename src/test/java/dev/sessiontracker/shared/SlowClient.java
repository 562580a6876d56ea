package dev.sessiontracker.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw HTTP client that sends a POST's headers and the start of its body, and the rest only as the test says. */
final class SlowClient implements AutoCloseable {

	private final Socket socket;

	private SlowClient(Socket socket) {
		this.socket = socket;
	}

	/** Opens a connection, sends a JSON POST declaring {@code length} body bytes, and only {@code start} of them. */
	static SlowClient open(int port, String path, int length, String start) throws IOException {
		SlowClient client = new SlowClient(new Socket("localhost", port));
		client.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + length + "\r\n\r\n" + start);
		return client;
	}

	void send(String text) throws IOException {
		this.socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		this.socket.getOutputStream().flush();
	}

	/** Whether the server has answered yet (without waiting). */
	boolean answered() throws IOException {
		return this.socket.getInputStream().available() > 0;
	}

	/**
	 * Sends one more body byte whenever the server has said nothing for {@code pause}, until it answers; waiting for
	 * the answer is what paces the bytes. Fails after {@code most} bytes.
	 */
	String trickleUntilAnswered(Duration pause, int most) throws IOException {
		InputStream in = this.socket.getInputStream();
		this.socket.setSoTimeout((int) pause.toMillis());
		for (int sent = 0; sent < most; sent++) {
			try {
				int first = in.read();
				return first < 0 ? "" : (char) first + answer(Duration.ofSeconds(10));
			}
			catch (SocketTimeoutException silent) {
				send("a");
			}
		}
		throw new AssertionError("no answer after " + most + " bytes sent " + pause.toMillis() + " ms apart");
	}

	/** Waits at most {@code within} for each read of the answer, up to the server closing the connection. */
	String answer(Duration within) throws IOException {
		this.socket.setSoTimeout((int) within.toMillis());
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		this.socket.getInputStream().transferTo(answer);
		return answer.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
