package dev.cachet.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up warns about configuration that binds but is probably not what was meant, naming where
 * it was set, and stays quiet about everything Cachet reads.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupWarningsTests {

	@TempDir
	Path disk;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(CachetAutoConfigurationTests.CachingEnabled.class)
			.withPropertyValues("cachet.disk.path=" + this.disk);
	}

	@Test
	void misspeltPropertiesAreNamed(CapturedOutput output) {
		// relaxed binding already forgives case, dashes and underscores (cachet.default-maxage binds)
		runner().withPropertyValues("cachet.default-age=1h", "cachet.tier=memory", "cachet.disk.maximum-size=1GB",
				"cachet.caches.reports.age=1h").run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(output).contains("Unknown property 'cachet.default-age'")
						.contains("Unknown property 'cachet.tier'")
						.contains("Unknown property 'cachet.disk.maximum-size'")
						.contains("Unknown property 'cachet.caches.reports.age'")
						.contains("from \"cachet.tier\" from property source");
				});
	}

	@Test
	void propertiesCachetReadsAreNotWarnedAbout(CapturedOutput output) {
		runner().withPropertyValues("cachet.default-max-age=1h", "cachet.tiers=memory,disk", "cachet.disk.max-size=1GB",
				"cachet.disk.min-free=10MB", "cachet.caches.reports.max-age=1h", "cachet.caches.reports.behaviour=recompute",
				"cachet.caches.reports.tiers[0]=memory", "cachet.fingerprint.packages=dev.cachet.autoconfigure",
				"cachet.security.keys[0]=0123456789abcdef0123456789abcdef", "cachet.redis.timeout=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("Unknown property").doesNotContain("slower tier");
			});
	}

	@Test
	void aSlowerTierInFrontOfAFasterOneIsWarnedAbout(CapturedOutput output) {
		runner().withPropertyValues("cachet.tiers=disk,memory").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("'cachet.tiers'").contains("puts a slower tier in front of a faster one: [disk, memory]");
		});
	}

}
