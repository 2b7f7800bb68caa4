package dev.cachet.autoconfigure.compat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/** A cache manager to run the compatibility scenarios against, each run in a fresh application context. */
enum CacheSetup {

	/** The reference: Spring's own {@link ConcurrentMapCacheManager}. */
	SPRING(null),

	CACHET_MEMORY("memory"),

	CACHET_DISK("disk"),

	CACHET_MEMORY_AND_DISK("memory,disk");

	/** Every Cachet setup. */
	static final List<CacheSetup> CACHET = List.of(CACHET_MEMORY, CACHET_DISK, CACHET_MEMORY_AND_DISK);

	private final String tiers;

	CacheSetup(String tiers) {
		this.tiers = tiers;
	}

	/** Runs the row's steps in a new context, with the disk tier (if any) in {@code disk}. */
	List<String> observe(Row row, Path disk) {
		List<String> observations = new ArrayList<>();
		runner(disk).run(context -> {
			assertThat(context).hasNotFailed();
			CacheManager manager = context.getBean(CacheManager.class);
			assertThat(manager).isInstanceOf((this == SPRING) ? ConcurrentMapCacheManager.class : TieredCacheManager.class);
			Probe probe = new Probe(context.getBean(Directory.class), manager);
			row.steps().accept(probe);
			observations.addAll(probe.observations());
		});
		return observations;
	}

	private ApplicationContextRunner runner(Path disk) {
		if (this == SPRING) {
			return new ApplicationContextRunner().withUserConfiguration(SpringCaches.class);
		}
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(DirectoryApplication.class)
			.withPropertyValues("cachet.tiers=" + tiers, "cachet.disk.path=" + disk.resolve(name()),
					"cachet.files.path=" + disk.resolve(name() + "-files"),
					"cachet.fingerprint.packages=dev.cachet.autoconfigure.compat");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class DirectoryApplication {

		@Bean
		Directory directory() {
			return new Directory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpringCaches extends DirectoryApplication {

		@Bean
		ConcurrentMapCacheManager cacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

}
