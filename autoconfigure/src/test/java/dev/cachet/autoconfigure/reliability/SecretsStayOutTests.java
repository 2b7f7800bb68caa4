package dev.cachet.autoconfigure.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.CachetProperties;
import dev.cachet.autoconfigure.reliability.SecretService.Credentials;
import dev.cachet.core.hash.ArgumentHasher;
import dev.cachet.core.hash.ArgumentSink;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Argument values stay out of keys, file names and logs at INFO or above, down every failure path;
 * the signing key ({@code cachet.security.keys}) stays out of logs, entry files and the properties' text;
 * Redis credentials stay out of logs and the tier's location; disk entries are owner-only.
 */
@ExtendWith(RedisServerExtension.class)
class SecretsStayOutTests {

	private static final String SECRET = "secret-arg-4711";

	static final String REDIS_PASSWORD = "redis-pass-0815";

	static final String SIGNING_KEY = "signing-key-4711-never-shown";

	@TempDir
	Path temp;

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class App {

		@Bean
		SecretService secretService() {
			return new SecretService();
		}

		/** An application hasher that, like much validation code, puts the value in its message. */
		@Bean
		ArgumentHasher<Credentials> credentialsHasher() {
			return new ArgumentHasher<>() {
				@Override
				public Class<Credentials> type() {
					return Credentials.class;
				}

				@Override
				public void hash(Credentials value, ArgumentSink sink) {
					throw new IllegalArgumentException("cannot hash " + value);
				}
			};
		}

	}

	@Test
	void argumentValuesStayOutOfKeysPathsAndLogsAndEntriesAreOwnerOnly() throws Exception {
		Path cacheFolder = this.temp.resolve("cache");
		LogCapture logs = new LogCapture();
		try {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
				.withUserConfiguration(App.class)
				.withPropertyValues("cachet.disk.path=" + cacheFolder, "cachet.tiers=memory,disk",
						"cachet.fingerprint.packages=dev.cachet.autoconfigure.reliability",
						"cachet.security.keys[0]=" + SIGNING_KEY, "cachet.security.verify-disk=true")
				.run((context) -> {
					SecretService service = context.getBean(SecretService.class);
					assertThat(service.lookup(SECRET)).isEqualTo(service.lookup(SECRET));
					assertThat(service.withStream(SECRET, new ByteArrayInputStream(new byte[2]))).isEqualTo(17);
					assertThat(service.withCredentials(new Credentials("ada", SECRET))).isEqualTo("checked ada");
					assertThat(service.unencodable(SECRET).getName()).endsWith(SECRET);
					assertThat(pathsUnder(cacheFolder)).isNotEmpty().noneMatch((path) -> path.contains(SECRET));
					assertThat(fileContentsUnder(cacheFolder)).as("entry files").isNotEmpty()
						.noneMatch((content) -> content.contains(SIGNING_KEY));
					assertThat(context.getBean(CachetProperties.class).getSecurity().toString()).contains("1 key(s)")
						.doesNotContain(SIGNING_KEY);
					assertOwnerOnly(cacheFolder);

					// the disk tier fails under the next calls: its folder becomes a file
					Path aside = this.temp.resolve("aside");
					Files.move(cacheFolder, aside);
					Files.writeString(cacheFolder, "not a folder");
					assertThat(service.lookup(SECRET + "-2")).isEqualTo("looked up 17");
				});
		}
		finally {
			logs.close();
		}
		assertThat(logs.infoAndAbove()).as("the failure paths did log").hasSizeGreaterThanOrEqualTo(3)
			.noneMatch((line) -> line.contains(SECRET) || line.contains(SIGNING_KEY));
	}

	@Test
	void redisCredentialsStayOutOfLogsAndTheLocation(RedisServer server) throws Exception {
		requirePassword(server);
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(server.host(), server.port());
		configuration.setPassword(REDIS_PASSWORD);
		try (LogCapture logs = new LogCapture();
				HandWiredTiers tiers = new HandWiredTiers(HandWiredTiers.connectionFactory(configuration),
						this.temp.resolve("disk"), 1024);
				AnnotationConfigApplicationContext context = tiers.application(SecretService.class)) {
			SecretService service = context.getBean(SecretService.class);
			assertThat(redisKeysOnceWritten(tiers, service)).noneMatch((key) -> key.contains(SECRET));
			server.stop();
			for (int i = 0; i < 20; i++) {
				service.lookup(SECRET + "-down-" + i);
			}
			String health = tiers.redis.health().toString();
			server.start();
			requirePassword(server);
			for (int i = 0; i < 20; i++) {
				service.lookup(SECRET + "-back-" + i);
			}
			assertThat(tiers.redis.location()).doesNotContain(REDIS_PASSWORD).contains(String.valueOf(server.port()));
			assertThat(health).doesNotContain(REDIS_PASSWORD);
			assertThat(logs.infoAndAbove()).as("Redis failures were logged").isNotEmpty()
				.noneMatch((line) -> line.contains(REDIS_PASSWORD) || line.contains(SECRET));
		}
	}

	/** Calls the service until its results reach Redis (the client connects in the background). */
	private static List<String> redisKeysOnceWritten(HandWiredTiers tiers, SecretService service) throws Exception {
		try (RedisConnection redis = tiers.connectionFactory.getConnection()) {
			for (int i = 0; i < 400; i++) {
				service.lookup(SECRET + i);
				Set<byte[]> keys = redis.keyCommands().keys("*".getBytes(StandardCharsets.UTF_8));
				if (!keys.isEmpty()) {
					return keys.stream().map((key) -> new String(key, StandardCharsets.UTF_8)).toList();
				}
				Thread.sleep(50);
			}
		}
		throw new AssertionError("nothing reached Redis within 20 s");
	}

	/** Makes the server require {@link #REDIS_PASSWORD}; a restarted server has forgotten it. */
	static void requirePassword(RedisServer server) {
		LettuceConnectionFactory open = HandWiredTiers
			.connectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
		try (RedisConnection connection = open.getConnection()) {
			connection.serverCommands().setConfig("requirepass", REDIS_PASSWORD);
		}
		finally {
			open.destroy();
		}
	}

	private static List<String> pathsUnder(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			return paths.map(Path::toString).toList();
		}
	}

	/** Each regular file's bytes, one character per byte. */
	private static List<String> fileContentsUnder(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			List<String> contents = new ArrayList<>();
			for (Path file : paths.filter(Files::isRegularFile).toList()) {
				contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
			}
			return contents;
		}
	}

	private static void assertOwnerOnly(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.toList()) {
				String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
				assertThat(permissions).as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
			}
		}
	}

}
