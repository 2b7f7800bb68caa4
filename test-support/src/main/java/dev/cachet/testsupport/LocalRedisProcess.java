package dev.cachet.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} executable run as a child process on a local port, without persistence.
 * Used for a {@code redis-server} found on the PATH and for the binary shipped in
 * {@code embedded-redis}.
 */
final class LocalRedisProcess implements RedisServer {

	private static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final Path executable;

	private final String kind;

	private final int port;

	private final List<String> extraArguments;

	private final Path directory;

	private Process process;

	LocalRedisProcess(Path executable, String kind, int port, List<String> extraArguments) {
		this.executable = executable;
		this.kind = kind;
		this.port = port;
		this.extraArguments = List.copyOf(extraArguments);
		try {
			this.directory = Files.createTempDirectory("cachet-redis-" + port + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String host() {
		return HOST;
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String kind() {
		return this.kind;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		List<String> command = new ArrayList<>(List.of(this.executable.toString(), "--port", String.valueOf(this.port),
				"--bind", HOST, "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir",
				this.directory.toString()));
		command.addAll(this.extraArguments);
		File log = this.directory.resolve("redis.log").toFile();
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.executable, ex);
		}
		try {
			RedisPing.awaitAnswer(HOST, this.port, START_TIMEOUT);
		}
		catch (IllegalStateException ex) {
			stop();
			throw new IllegalStateException(ex.getMessage() + "; log: " + readLog(log), ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		// SIGKILL: clients see a dead server, not a graceful shutdown.
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("redis-server on port " + this.port + " did not exit");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.process = null;
	}

	@Override
	public synchronized void pause() {
		signal("STOP");
	}

	@Override
	public synchronized void resume() {
		signal("CONT");
	}

	/** Sends a signal to the server process; Java's process API has no SIGSTOP or SIGCONT. */
	private void signal(String name) {
		if (!isRunning()) {
			throw new IllegalStateException("redis-server on port " + this.port + " is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(this.process.pid())).inheritIO()
				.start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + name + " of redis-server on port " + this.port + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// Leftover temporary files are harmless.
		}
	}

	private static String readLog(File log) {
		try {
			return Files.readString(log.toPath());
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	@Override
	public String toString() {
		return this.kind + " redis-server at " + HOST + ":" + this.port;
	}

}
