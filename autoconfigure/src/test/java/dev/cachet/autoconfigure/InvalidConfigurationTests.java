package dev.cachet.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.mock.env.MockEnvironment;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bad {@code cachet.*} value stops start-up with a report that names the property and the fix. */
class InvalidConfigurationTests {

	@TempDir
	static Path temp;

	static Stream<Arguments> badValues() throws IOException {
		Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
		return Stream.of(
				Arguments.of("cachet.tiers=memory,dsk", "cachet.tiers"),
				Arguments.of("cachet.tiers=", "cachet.tiers"),
				Arguments.of("cachet.tiers=disk,disk", "cachet.tiers"),
				Arguments.of("cachet.tiers=redis", "cachet.tiers"),
				Arguments.of("cachet.caches.ais.tiers=nowhere", "cachet.caches.ais.tiers"),
				Arguments.of("cachet.default-max-age=-5m", "cachet.default-max-age"),
				Arguments.of("cachet.default-max-age=0s", "cachet.default-max-age"),
				Arguments.of("cachet.default-max-age=twelve hours", "cachet.default-max-age"),
				Arguments.of("cachet.caches.ais.max-age=-1h", "cachet.caches.ais.max-age"),
				Arguments.of("cachet.caches.ais.max-age=soon", "cachet.caches.ais.max-age"),
				Arguments.of("cachet.stale-while-revalidate=-5m", "cachet.stale-while-revalidate"),
				Arguments.of("cachet.stale-if-error=soon", "cachet.stale-if-error"),
				Arguments.of("cachet.caches.ais.stale-while-revalidate=-1s", "cachet.caches.ais.stale-while-revalidate"),
				Arguments.of("cachet.caches.ais.stale-if-error=-1h", "cachet.caches.ais.stale-if-error"),
				Arguments.of("cachet.disk.max-size=-10GB", "cachet.disk.max-size"),
				Arguments.of("cachet.memory.max-size=0MB", "cachet.memory.max-size"),
				Arguments.of("cachet.disk.max-age=-7d", "cachet.disk.max-age"),
				Arguments.of("cachet.disk.path=" + file.resolve("cache"), "cachet.disk.path"),
				Arguments.of("cachet.caches.ais.behaviour=sometimes", "cachet.caches.ais.behaviour"),
				Arguments.of("cachet.caches.ais.behaviour=inherit", "cachet.caches.ais.behaviour"),
				Arguments.of("cachet.codec.compression-threshold=-1KB", "cachet.codec.compression-threshold"),
				Arguments.of("cachet.codec.compression-threshold=large", "cachet.codec.compression-threshold"),
				Arguments.of("cachet.disk.sweep-interval=0s", "cachet.disk.sweep-interval"),
				Arguments.of("cachet.disk.sweep-interval=-1m", "cachet.disk.sweep-interval"),
				Arguments.of("cachet.disk.sweep-interval=often", "cachet.disk.sweep-interval"),
				Arguments.of("cachet.memory.max-age=-1s", "cachet.memory.max-age"),
				Arguments.of("cachet.memory.max-age=0s", "cachet.memory.max-age"),
				Arguments.of("cachet.memory.max-size=-1MB", "cachet.memory.max-size"),
				Arguments.of("cachet.memory.max-size=huge", "cachet.memory.max-size"),
				Arguments.of("cachet.disk.max-size=0B", "cachet.disk.max-size"),
				Arguments.of("cachet.disk.max-age=0s", "cachet.disk.max-age"),
				Arguments.of("cachet.caches.ais.max-age=0s", "cachet.caches.ais.max-age"),
				Arguments.of("cachet.caches.ais.tiers=disk,disk", "cachet.caches.ais.tiers"),
				Arguments.of("cachet.caches.ais.tiers=s3", "cachet.caches.ais.tiers"),
				Arguments.of("cachet.allow-null-values=maybe", "cachet.allow-null-values"),
				Arguments.of("cachet.fingerprint.eager=sometimes", "cachet.fingerprint.eager"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badValues")
	void stopsStartUpNamingTheProperty(String setting, String property) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(CachetAutoConfigurationTests.CachingEnabled.class)
			.withPropertyValues("cachet.disk.path=" + temp.resolve("disk"), setting)
			.run(context -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				String[] written = setting.split("=", 2);
				FailureAnalysis analysis = new CachetConfigurationFailureAnalyzer(
						new MockEnvironment().withProperty(written[0], written[1]))
					.analyze(failure);
				if (analysis != null) {
					assertThat(analysis.getDescription()).contains(property);
					if (written[0].equals(property)) {
						assertThat(analysis.getDescription()).as("the value as written, and where")
							.contains("Value: \"" + written[1] + "\"")
							.contains("Origin: ");
					}
					assertThat(analysis.getAction()).contains(property);
				}
				else {
					// values that do not convert at all are reported by Spring Boot's own bind failure analysis
					BindException bind = findCause(failure, BindException.class);
					assertThat(bind).as("failure of " + setting).isNotNull();
					assertThat(bind.getName().toString()).isEqualTo(property);
				}
			});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
