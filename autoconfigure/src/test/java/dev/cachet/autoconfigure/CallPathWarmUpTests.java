package dev.cachet.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.tier.CacheTier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call-path warm-up runs one call through the application's caching proxy chain, touching no
 * tier (least of all a shared one) and leaving no cache or entry behind.
 */
class CallPathWarmUpTests {

	private static final String ECHO = "dev.cachet.autoconfigure.CallPathWarmUp$Target#echo(java.lang.String)";

	@TempDir
	Path disk;

	static class Reports {

		@Cacheable("reports")
		public String report(String id) {
			return "report " + id;
		}

	}

	/** A shared tier that records what it is asked and holds nothing. */
	static class RecordingSharedTier implements CacheTier {

		final List<String> operations = new CopyOnWriteArrayList<>();

		@Override
		public String type() {
			return "recording";
		}

		@Override
		public String location() {
			return "test";
		}

		@Override
		public boolean shared() {
			return true;
		}

		@Override
		public @Nullable Envelope get(String cache, String key) {
			operations.add("get " + cache);
			return null;
		}

		@Override
		public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
			operations.add("put " + cache);
		}

		@Override
		public void evict(String cache, String key) {
			operations.add("evict " + cache);
		}

		@Override
		public void clear(String cache) {
			operations.add("clear " + cache);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class ReportsConfiguration {

		@Bean
		Reports reports() {
			return new Reports();
		}

		@Bean
		RecordingSharedTier recordingSharedTier() {
			return new RecordingSharedTier();
		}

		@Bean
		TierRegistration recordingTierRegistration(RecordingSharedTier tier) {
			return new TierRegistration("recording", tier, null);
		}

	}

	@Test
	void oneCallRunsThroughTheProxyChainAndTouchesNoTierNorLeavesACache() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(ReportsConfiguration.class)
			.withPropertyValues("cachet.disk.path=" + disk, "cachet.tiers=memory,disk,recording")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				new CallPathWarmUp(context).run();
				assertThat(context.getBean(CachedMethods.class).byId(ECHO))
					.as("the call went through Cachet's cache resolver").isPresent();
				assertThat(context.getBean(RecordingSharedTier.class).operations).isEmpty();
				TieredCacheManager manager = context.getBean(TieredCacheManager.class);
				assertThat(manager.getCacheNames()).doesNotContain(TieredCacheManager.CALL_WARM_UP_CACHE);
				manager.tiers().forEach((name, binding) -> assertThat(binding.statistics().calls()).as(name).isZero());
			});
	}

	/** An application resolving its caches itself: it records every cache it is asked for. */
	@Configuration(proxyBeanMethods = false)
	static class OwnResolver implements CachingConfigurer {

		final List<String> resolved = new CopyOnWriteArrayList<>();

		@Override
		public CacheResolver cacheResolver() {
			return (context) -> {
				context.getOperation().getCacheNames().forEach(resolved::add);
				return List.of(new ConcurrentMapCache("own"));
			};
		}

	}

	@Test
	void anApplicationThatResolvesItsOwnCachesIsNotWarmedUp() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(ReportsConfiguration.class, OwnResolver.class)
			.withPropertyValues("cachet.disk.path=" + disk, "cachet.tiers=memory,disk,recording")
			.run((context) -> {
				new CallPathWarmUp(context).run();
				assertThat(context.getBean(OwnResolver.class).resolved).as("the warm-up call never reached its resolver")
					.isEmpty();
				assertThat(context.getBean(CachedMethods.class).byId(ECHO)).isEmpty();
			});
	}

}
