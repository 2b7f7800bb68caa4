package dev.cachet.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * Starts a real Redis server the best way this machine allows: Testcontainers when a Docker
 * engine answers, else {@code redis-server} from the PATH, else the binary shipped in
 * {@code embedded-redis}. Never skips.
 *
 * <p>The system property {@code cachet.test.redis} ({@code docker}, {@code path}, {@code embedded})
 * forces one way.
 */
public final class RedisServers {

	/** System property that forces how Redis is provided. */
	public static final String KIND_PROPERTY = "cachet.test.redis";

	private static final int START_ATTEMPTS = 3;

	private RedisServers() {
	}

	/** Starts a Redis server on a free port and waits until it answers. */
	public static RedisServer start() {
		String kind = System.getProperty(KIND_PROPERTY, "");
		if (kind.equals("docker") || (kind.isEmpty() && DockerClientFactory.instance().isDockerAvailable())) {
			return startWithRetries(() -> new ContainerRedisServer(LocalRedisProcess.freePort()));
		}
		Optional<Path> onPath = redisServerOnPath();
		if (kind.equals("path") || (kind.isEmpty() && onPath.isPresent())) {
			Path executable = onPath.orElseThrow(() -> new IllegalStateException("No redis-server on PATH"));
			return startLocal(executable, "path", List.of());
		}
		return startLocal(embeddedExecutable(), "embedded", List.of());
	}

	/** The {@code redis-server} executable on the PATH, if any. */
	public static Optional<Path> redisServerOnPath() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	static RedisServer startLocal(Path executable, String kind, List<String> extraArguments) {
		return startWithRetries(() -> new LocalRedisProcess(executable, kind, LocalRedisProcess.freePort(),
				extraArguments));
	}

	/** The {@code redis-server} binary shipped in {@code embedded-redis}, extracted for this platform. */
	static Path embeddedExecutable() {
		try {
			return ExecutableProvider.newJarResourceProvider().get().toPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot extract the embedded-redis binary", ex);
		}
	}

	/** A free port can be taken by someone else before the server binds it: try a few. */
	private static RedisServer startWithRetries(ServerFactory factory) {
		IllegalStateException last = null;
		for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
			RedisServer server = factory.create();
			try {
				server.start();
				return server;
			}
			catch (IllegalStateException ex) {
				server.close();
				last = ex;
			}
		}
		throw last;
	}

	private interface ServerFactory {

		RedisServer create();

	}

}
