package dev.cachet.autoconfigure.reliability;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.cachet.backend.redis.RedisInvalidationBus;
import dev.cachet.backend.redis.RedisTier;
import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheNameHash;
import dev.cachet.testsupport.LocalRedisCluster;
import dev.cachet.testsupport.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole Spring Boot application, auto-configured as a user's would be, with Cachet's Redis
 * defaults (50 ms budget, circuit breaker 5 failures / 5 s): the {@link LoadService}'s cache
 * {@code hot} in the tiers {@code [memory, redis]}, {@code shared} in {@code [redis]} only. The
 * invalidation bus and lease are on, as by default.
 */
final class RedisLoadApplication implements AutoCloseable {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableCaching
	static class App {

		@Bean
		LoadService loadService() {
			return new LoadService();
		}

	}

	private final ConfigurableApplicationContext context;

	private final String keyPrefix;

	private RedisLoadApplication(ConfigurableApplicationContext context, String keyPrefix) {
		this.context = context;
		this.keyPrefix = keyPrefix;
	}

	/** Starts the application on a standalone Redis. */
	static RedisLoadApplication start(RedisServer redis, String... settings) {
		return start(List.of("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port()),
				settings);
	}

	/** Starts the application on a Redis Cluster. */
	static RedisLoadApplication start(LocalRedisCluster cluster, String... settings) {
		return start(List.of("spring.data.redis.cluster.nodes=" + String.join(",", cluster.nodeAddresses())),
				settings);
	}

	private static RedisLoadApplication start(List<String> connection, String... settings) {
		String keyPrefix = "load" + UUID.randomUUID().toString().substring(0, 8) + ":";
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.application.name=redis-load", "cachet.tiers=memory,redis", "cachet.caches.shared.tiers=redis",
				"cachet.fingerprint.packages=" + HandWiredTiers.PACKAGE, "cachet.redis.key-prefix=" + keyPrefix));
		properties.addAll(connection);
		properties.addAll(List.of(settings));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		return new RedisLoadApplication(context, keyPrefix);
	}

	LoadService service() {
		return this.context.getBean(LoadService.class);
	}

	TieredCacheManager manager() {
		return this.context.getBean(TieredCacheManager.class);
	}

	RedisTier redisTier() {
		return (RedisTier) manager().tiers().get("redis").tier();
	}

	TierStatistics statistics(String tier) {
		return manager().tiers().get(tier).statistics();
	}

	String keyPrefix() {
		return this.keyPrefix;
	}

	/** The Redis key under which the cache holds the result of {@code method(n)}. */
	byte[] redisKey(String cache, String method, int n) {
		return (this.keyPrefix + CacheNameHash.of(cache) + ":" + keyId(method, n))
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	/** The key id Cachet computes for {@code method(n)} of the {@link LoadService}. */
	String keyId(String method, int n) {
		try {
			Method target = LoadService.class.getMethod(method, int.class);
			return ((CachetKey) manager().keyGenerator().generate(service(), target, n)).id();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/** Waits until the Redis tier answers and the invalidation bus is subscribed. */
	void awaitConnected() {
		RedisInvalidationBus bus = this.context.getBean(RedisInvalidationBus.class);
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			redisTier().get("warm-up", "k");
			assertThat(bus.isListening()).isTrue();
		});
	}

	/** Computes every key once and waits until Redis serves each of them. */
	void warm(int hotKeys, int sharedKeys) {
		LoadService service = service();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			for (int n = 0; n < sharedKeys; n++) {
				service.shared(n);
			}
			for (int n = 0; n < hotKeys; n++) {
				service.hot(n);
			}
			// results reach Redis after the calls return
			assertThat(manager().awaitWrites(Duration.ofSeconds(20))).isTrue();
			for (int n = 0; n < sharedKeys; n++) {
				assertThat(redisTier().get("shared", keyId("shared", n))).as("shared %d in Redis", n).isNotNull();
			}
			for (int n = 0; n < hotKeys; n++) {
				assertThat(redisTier().get("hot", keyId("hot", n))).as("hot %d in Redis", n).isNotNull();
			}
		});
	}

	@Override
	public void close() {
		this.context.close();
	}

}
