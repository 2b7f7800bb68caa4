package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.resource.Delay;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.cachet.backend.redis.RedisInvalidationBus;
import dev.cachet.backend.redis.RedisKeyLease;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.ValueHolding;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One application instance: a full Spring Boot application context (no web) with Cachet's tiers
 * {@code [memory, disk, redis]}, its own disk folder, connected through {@code spring.data.redis.*}
 * to the test's Redis server.
 */
final class CachetInstance implements AutoCloseable {

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableCaching
	@Import(PricedReports.Beans.class)
	static class App {

		@Bean
		Reports reports() {
			return new Reports();
		}


		/**
		 * {@code test.redis.reconnect-delay}: how long Lettuce waits before each reconnect attempt, so
		 * that a test can keep an instance's connections down for a known time after killing them.
		 */
		@Bean
		ClientResourcesBuilderCustomizer testReconnectDelay(Environment environment) {
			Duration delay = environment.getProperty("test.redis.reconnect-delay", Duration.class);
			return (builder) -> {
				if (delay != null) {
					builder.reconnectDelay(Delay.constant(delay));
				}
			};
		}

	}

	private final ConfigurableApplicationContext context;

	private CachetInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance.
	 * @param settings extra properties, {@code name=value}
	 */
	static CachetInstance start(RedisServer redis, Path disk, String keyPrefix, String... settings) {
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
				"cachet.tiers=memory,disk,redis", "cachet.disk.path=" + disk, "cachet.redis.key-prefix=" + keyPrefix,
				"cachet.fingerprint.packages=dev.cachet.autoconfigure.redis",
				// A busy build machine can exceed the 50 ms default; tests that need determinism allow more.
				"cachet.redis.timeout=2s"));
		properties.addAll(List.of(settings));
		return new CachetInstance(new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run());
	}

	/** Waits until the tier answers, the lease is really taken in Redis and both subscriptions are in place. */
	CachetInstance awaitConnected() {
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			tier("redis").get("warm-up", "k");
			assertThat(tier("redis").health()).isEqualTo(TierHealth.up());
			assertThat(lease().isListening()).isTrue();
			assertThat(bus().isListening()).isTrue();
			try (var first = lease().tryAcquire("warm-up", "lease", Duration.ofSeconds(5));
					var second = lease().tryAcquire("warm-up", "lease", Duration.ofSeconds(5))) {
				// Only a lease really held in Redis turns the second attempt away.
				assertThat(first.acquired()).isTrue();
				assertThat(second.acquired()).isFalse();
			}
		});
		return this;
	}

	Reports reports() {
		return context.getBean(Reports.class);
	}

	PricedReports pricedReports() {
		return context.getBean(PricedReports.class);
	}

	PricedReports.Lookups lookups() {
		return context.getBean(PricedReports.Lookups.class);
	}

	TieredCacheManager manager() {
		return context.getBean(TieredCacheManager.class);
	}

	CacheTier tier(String name) {
		return manager().tiers().get(name).tier();
	}

	RedisKeyLease lease() {
		return context.getBean(RedisKeyLease.class);
	}

	RedisInvalidationBus bus() {
		return context.getBean(RedisInvalidationBus.class);
	}

	/** The key id Cachet stores an explicit cache key under. */
	String keyId(String cache, Object key) {
		return manager().keyGenerator().addresses().addressOf(key).id();
	}

	/**
	 * The entry a node-local or remote tier holds, or {@code null}: the value held in memory, the
	 * envelope elsewhere. Waits for this instance's queued writes first.
	 */
	@Nullable Object entry(String tier, String cache, String keyId) throws Exception {
		settled();
		ValueHolding values = tier(tier).values().orElse(null);
		return (values != null) ? values.get(cache, CachetKey.of(keyId), System.currentTimeMillis()) : tier(tier).get(cache, keyId);
	}

	/** What a tier records about its entry, or {@code null} when it holds none. */
	@Nullable EntryMetadata metadata(String tier, String cache, String keyId) throws Exception {
		Object entry = entry(tier, cache, keyId);
		return (entry instanceof ValueHolding.HeldValue held) ? held.metadata()
				: (entry instanceof Envelope envelope) ? envelope.metadata() : null;
	}

	/** Waits until the results this instance computed are in every tier (they are written after the call returns). */
	CachetInstance settled() throws InterruptedException {
		assertThat(manager().awaitWrites(Duration.ofSeconds(20))).as("writes landed").isTrue();
		return this;
	}

	boolean isActive() {
		return context.isActive();
	}

	@Override
	public void close() {
		context.close();
	}

}
