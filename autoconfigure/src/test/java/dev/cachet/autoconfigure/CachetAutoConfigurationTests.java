package dev.cachet.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.key.CachetKeyGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class CachetAutoConfigurationTests {

	@TempDir
	Path disk;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withPropertyValues("cachet.disk.path=" + disk);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class OwnCacheManager {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class WithCustomizer {

		@Bean
		CacheManagerCustomizer<TieredCacheManager> precreate() {
			return manager -> manager.getCache("precreated");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class OwnTier {

		@Bean
		TierRegistration nearline() {
			return new TierRegistration("nearline", new MemoryTier(1 << 20), null);
		}

	}

	@Test
	void aTierRegisteredByTheApplicationIsUsableByItsName() {
		runner().withUserConfiguration(OwnTier.class).withPropertyValues("cachet.tiers=nearline,disk").run(context -> {
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("any");
			assertThat(cache.getNativeCache()).extracting(TierBinding::name).containsExactly("nearline", "disk");
		});
		runner().withUserConfiguration(OwnTier.class).withPropertyValues("cachet.tiers=farline").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(CachetConfigurationException.class, failure -> {
					assertThat(failure.property()).isEqualTo("cachet.tiers");
					assertThat(failure.action()).contains("nearline").contains("TierRegistration");
				});
		});
	}

	@Test
	void diskIsTheDefaultTier() {
		runner().withUserConfiguration(CachingEnabled.class).run(context -> {
			TieredCacheManager manager = context.getBean(TieredCacheManager.class);
			TieredCache cache = manager.getCache("any");
			assertThat(cache.getNativeCache()).extracting(binding -> binding.tier().type()).containsExactly("disk");
			assertThat(manager.tiers()).containsOnlyKeys("disk");
			assertThat(Files.isDirectory(disk)).isTrue();
		});
	}

	@Test
	void tiersFollowTheConfiguredOrderAndPerCacheLists() {
		runner().withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("cachet.tiers=memory,disk", "cachet.caches.hot.tiers=memory")
			.run(context -> {
				TieredCacheManager manager = context.getBean(TieredCacheManager.class);
				assertThat(manager.getCache("any").getNativeCache()).extracting(binding -> binding.tier().type())
					.containsExactly("memory", "disk");
				assertThat(manager.getCache("hot").getNativeCache()).extracting(binding -> binding.tier().type())
					.containsExactly("memory");
			});
	}

	@Test
	void backsOffWhenTheApplicationHasItsOwnCacheManager() {
		runner().withUserConfiguration(OwnCacheManager.class).run(context -> {
			assertThat(context).doesNotHaveBean(TieredCacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
		});
	}

	@Test
	void cacheTypeNoneGivesBootsNoOpCacheManagerAndNoDiskFolder() {
		Path folder = disk.resolve("never");
		runner().withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("spring.cache.type=none", "cachet.disk.path=" + folder)
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TieredCacheManager.class);
				assertThat(context).doesNotHaveBean(TierRegistration.class);
				assertThat(context).doesNotHaveBean(CachetKeyGenerator.class);
				assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
				assertThat(folder).doesNotExist();
			});
	}

	@ParameterizedTest
	@CsvSource({ "simple, org.springframework.cache.concurrent.ConcurrentMapCacheManager",
			"NONE, org.springframework.cache.support.NoOpCacheManager" })
	void anyExplicitCacheTypeIsLeftToBoot(String type, Class<?> expected) {
		runner().withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("spring.cache.type=" + type)
			.run(context -> {
				assertThat(context).doesNotHaveBean(TieredCacheManager.class);
				assertThat(context.getBean(CacheManager.class)).isExactlyInstanceOf(expected);
			});
	}

	@Test
	void anUnknownCacheTypeFailsAsBootReportsIt() {
		runner().withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("spring.cache.type=cachet")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure().rootCause().hasMessageContaining("CacheType");
			});
	}

	@Test
	void staysAwayWhenCachingIsNotEnabled() {
		runner().run(context -> assertThat(context).doesNotHaveBean(TieredCacheManager.class));
	}

	@Test
	void appliesCacheManagerCustomizers() {
		runner().withUserConfiguration(WithCustomizer.class)
			.run(context -> assertThat(context.getBean(TieredCacheManager.class).getCacheNames())
				.containsExactly("precreated"));
	}

	@Test
	void cachetKeyGeneratorIsTheDefault() {
		runner().withUserConfiguration(CachingEnabled.class).run(context -> {
			assertThat(context.getBean(CachingConfigurer.class).keyGenerator())
				.isSameAs(context.getBean(CachetKeyGenerator.class));
		});
	}

}
