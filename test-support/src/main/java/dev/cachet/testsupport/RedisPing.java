package dev.cachet.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Waits until a Redis server answers PING, with a raw RESP exchange (no client library). */
final class RedisPing {

	private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

	private RedisPing() {
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 200);
			socket.setSoTimeout(500);
			socket.getOutputStream().write(PING);
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(5);
			return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void awaitAnswer(String host, int port, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!answers(host, port)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Redis at " + host + ":" + port + " did not answer within " + timeout);
			}
			sleep(Duration.ofMillis(10));
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Redis", ex);
		}
	}

}
