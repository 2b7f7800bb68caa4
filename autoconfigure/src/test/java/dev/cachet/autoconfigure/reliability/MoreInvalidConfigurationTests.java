package dev.cachet.autoconfigure.reliability;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.CachetConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad values of existing properties not covered by {@code InvalidConfigurationTest}: each stops start-up
 * with a {@link CachetConfigurationException} naming the property, or Boot's bind failure naming it.
 */
class MoreInvalidConfigurationTests {

	@TempDir
	static Path temp;

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	static Stream<Arguments> badValues() {
		return Stream.of(
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
			.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("cachet.disk.path=" + temp.resolve("disk"), setting)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				CachetConfigurationException cachet = findCause(failure, CachetConfigurationException.class);
				if (cachet != null) {
					assertThat(cachet.property()).isEqualTo(property);
				}
				else {
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
