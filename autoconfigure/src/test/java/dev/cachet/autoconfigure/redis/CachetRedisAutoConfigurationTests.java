package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.CachetConfigurationException;
import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.backend.redis.RedisInvalidationBus;
import dev.cachet.backend.redis.RedisKeyLease;
import dev.cachet.backend.redis.RedisTier;
import dev.cachet.backend.redis.RedisTierSettings;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.KeyLease;

import static org.assertj.core.api.Assertions.assertThat;

/** When the Redis tier, lease and bus are configured, and how bad settings stop start-up. None of this needs Redis. */
class CachetRedisAutoConfigurationTests {

	@TempDir
	Path disk;

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	private ApplicationContextRunner runner(Class<?>... autoConfigurations) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(autoConfigurations))
			.withUserConfiguration(CachingEnabled.class)
			// Nobody listens there: nothing configured here may need a connection.
			.withPropertyValues("cachet.disk.path=" + disk, "spring.data.redis.port=1");
	}

	private ApplicationContextRunner runner() {
		return runner(DataRedisAutoConfiguration.class, CachetRedisAutoConfiguration.class,
				CachetAutoConfiguration.class, CacheAutoConfiguration.class);
	}

	@Test
	void backsOffWhenNoCacheUsesRedis() {
		runner().withPropertyValues("cachet.tiers=memory,disk").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CachetRedisAutoConfiguration.class);
			assertThat(context).doesNotHaveBean(KeyLease.class);
			assertThat(context).doesNotHaveBean(InvalidationBus.class);
			assertThat(context.getBean(TieredCacheManager.class).tiers()).containsOnlyKeys("memory", "disk");
		});
	}

	@Test
	void backsOffWithCachetWhenSpringCacheTypeIsNone() {
		runner().withPropertyValues("cachet.tiers=memory,disk,redis", "spring.cache.type=none").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CachetRedisAutoConfiguration.class);
			assertThat(context).doesNotHaveBean(TierRegistration.class);
			assertThat(context).doesNotHaveBean(KeyLease.class);
			assertThat(context).doesNotHaveBean(InvalidationBus.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
		});
	}

	@Test
	void redisInTheTiersAddsTheTierTheLeaseAndTheBusWithTheDefaults() {
		runner().withPropertyValues("cachet.tiers=memory,disk,redis").run(context -> {
			assertThat(context).hasNotFailed();
			TieredCacheManager manager = context.getBean(TieredCacheManager.class);
			assertThat(manager.tiers()).containsOnlyKeys("memory", "disk", "redis");
			assertThat(manager.tiers().get("redis").tier()).isInstanceOf(RedisTier.class);
			assertThat(manager.tiers().get("redis").storageCap()).isEqualTo(Duration.ofDays(30));
			assertThat(manager.getCache("any").getNativeCache()).extracting(binding -> binding.name())
				.containsExactly("memory", "disk", "redis");
			assertThat(context.getBean(KeyLease.class)).isInstanceOf(RedisKeyLease.class);
			assertThat(context.getBean(KeyLease.class).leaseTime()).isEqualTo(Duration.ofSeconds(30));
			assertThat(context.getBean(InvalidationBus.class)).isInstanceOf(RedisInvalidationBus.class);
		});
	}

	@Test
	void theDefaultSettingsAreTheTiersDefaults() {
		runner().withPropertyValues("cachet.tiers=redis")
			.run(context -> assertThat(context.getBean(RedisTierSettings.class)).isEqualTo(RedisTierSettings.DEFAULTS));
	}

	@Test
	void redisInOneCacheOnlyIsEnough() {
		runner().withPropertyValues("cachet.tiers=disk", "cachet.caches.shared.tiers=disk,redis").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TieredCacheManager.class).getCache("shared").getNativeCache())
				.extracting(binding -> binding.tier().type())
				.containsExactly("disk", "redis");
		});
	}

	@Test
	void propertiesReachTheTierAndTheLease() {
		runner()
			.withPropertyValues("cachet.tiers=redis", "cachet.redis.max-age=2d", "cachet.redis.lease.time=7s",
					"cachet.redis.key-prefix=shop:", "cachet.redis.timeout=80ms",
					"cachet.redis.circuit-breaker.failure-threshold=4", "cachet.redis.circuit-breaker.cool-down=3s",
					"cachet.redis.circuit-breaker.answer-timeout=700ms")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RedisTierSettings.class)).isEqualTo(new RedisTierSettings("shop:",
						Duration.ofMillis(80), 4, Duration.ofSeconds(3), Duration.ofMillis(700)));
				assertThat(context.getBean(TieredCacheManager.class).tiers().get("redis").storageCap())
					.isEqualTo(Duration.ofDays(2));
				assertThat(context.getBean(KeyLease.class).leaseTime()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void leaseAndInvalidationCanBeSwitchedOff() {
		runner()
			.withPropertyValues("cachet.tiers=memory,redis", "cachet.redis.lease.enabled=false",
					"cachet.redis.invalidation.enabled=false")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(KeyLease.class);
				assertThat(context).doesNotHaveBean(InvalidationBus.class);
				assertThat(context.getBean(TieredCacheManager.class).tiers()).containsKey("redis");
			});
	}

	@Test
	void withoutCachingEnabledNothingIsCreated() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					CachetRedisAutoConfiguration.class, CachetAutoConfiguration.class))
			.withPropertyValues("cachet.tiers=redis", "spring.data.redis.port=1")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TierRegistration.class);
				assertThat(context).doesNotHaveBean(KeyLease.class);
			});
	}

	@Test
	void withoutAnyRedisConnectionFactoryStartUpStopsNamingCachetTiers() {
		runner(CachetRedisAutoConfiguration.class, CachetAutoConfiguration.class, CacheAutoConfiguration.class)
			.withPropertyValues("cachet.tiers=memory,redis")
			.run(context -> assertStopsNaming(context.getStartupFailure(), "cachet.tiers",
					"spring-boot-starter-data-redis"));
	}

	@Test
	void aJedisClientStopsStartUpNamingCachetTiers() {
		runner().withPropertyValues("cachet.tiers=memory,redis", "spring.data.redis.client-type=jedis")
			.run(context -> assertStopsNaming(context.getStartupFailure(), "cachet.tiers", "Lettuce"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "cachet.redis.timeout=0ms | cachet.redis.timeout",
			"cachet.redis.timeout=-50ms | cachet.redis.timeout", "cachet.redis.max-age=0d | cachet.redis.max-age",
			"cachet.redis.max-age=-1d | cachet.redis.max-age", "cachet.redis.key-prefix= | cachet.redis.key-prefix",
			"cachet.redis.circuit-breaker.failure-threshold=0 | cachet.redis.circuit-breaker.failure-threshold",
			"cachet.redis.circuit-breaker.cool-down=0s | cachet.redis.circuit-breaker.cool-down",
			"cachet.redis.circuit-breaker.answer-timeout=0ms | cachet.redis.circuit-breaker.answer-timeout",
			"cachet.redis.lease.time=-30s | cachet.redis.lease.time",
			"cachet.redis.lease.time=0s | cachet.redis.lease.time",
			"cachet.redis.invalidation.history=0 | cachet.redis.invalidation.history" })
	void badValuesStopStartUpNamingTheProperty(String setting, String property) {
		runner().withPropertyValues("cachet.tiers=memory,redis", setting)
			.run(context -> assertStopsNaming(context.getStartupFailure(), property, ""));
	}

	private static void assertStopsNaming(Throwable failure, String property, String actionMentions) {
		assertThat(failure).as("start-up failure").isNotNull();
		CachetConfigurationException cachet = null;
		for (Throwable cause = failure; cause != null && cachet == null; cause = cause.getCause()) {
			if (cause instanceof CachetConfigurationException found) {
				cachet = found;
			}
		}
		assertThat(cachet).as("CachetConfigurationException in " + failure).isNotNull();
		assertThat(cachet.property()).isEqualTo(property);
		assertThat(cachet.getMessage()).contains(property);
		assertThat(cachet.action()).contains(actionMentions);
	}

}
