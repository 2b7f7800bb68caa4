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
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.cachet.autoconfigure.reliability.values.Sample;
import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.S3Server;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A whole Spring Boot application, auto-configured from the class path as a user's would be, whose
 * {@link SampleService}, {@link SecretService} and {@link LedgerService} cache in the tiers
 * {@code [memory, disk, redis, s3]}:
 * Redis through {@code spring.data.redis.*}, S3 through {@code cachet.s3.*}, both on the test's servers,
 * with short time budgets and circuit breakers so outages are felt and recovered from within seconds.
 */
final class SharedTiersApplication implements AutoCloseable {

	static final String BUCKET = "reliability";

	static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);

	static final Duration S3_TIMEOUT = Duration.ofMillis(500);

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableCaching
	static class App {

		@Bean
		SampleService sampleService() {
			return new SampleService();
		}

		@Bean
		SecretService secretService() {
			return new SecretService();
		}

		@Bean
		LedgerService ledgerService() {
			return new LedgerService();
		}

	}

	private final ConfigurableApplicationContext context;

	private SharedTiersApplication(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the application.
	 * @param credentials the S3 credentials, as the application's {@link AwsCredentialsProvider} bean
	 * @param listeners application listeners, such as a {@link LogCapture}
	 * @param settings further properties, {@code name=value}; later ones win
	 */
	static SharedTiersApplication start(RedisServer redis, S3Server s3, AwsCredentialsProvider credentials,
			Path disk, WebApplicationType web, List<ApplicationListener<?>> listeners, String... settings) {
		s3.createBucket(BUCKET);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.application.name=reliability", "server.port=0",
				"spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
				"cachet.tiers=memory,disk,redis,s3", "cachet.disk.path=" + disk,
				"cachet.fingerprint.packages=" + HandWiredTiers.PACKAGE,
				"cachet.redis.key-prefix=" + unique + ":", "cachet.redis.timeout=" + REDIS_TIMEOUT.toMillis() + "ms",
				"cachet.redis.circuit-breaker.failure-threshold=3", "cachet.redis.circuit-breaker.cool-down=500ms",
				"cachet.s3.bucket=" + BUCKET, "cachet.s3.endpoint=" + s3.endpoint(), "cachet.s3.path-style=true",
				"cachet.s3.prefix=" + unique + "/", "cachet.s3.timeout=" + S3_TIMEOUT.toMillis() + "ms",
				"cachet.s3.circuit-breaker.failure-threshold=3", "cachet.s3.circuit-breaker.cool-down=500ms"));
		properties.addAll(List.of(settings));
		return new SharedTiersApplication(new SpringApplicationBuilder(App.class).web(web)
			.properties(properties.toArray(String[]::new))
			.initializers((context) -> context.getBeanFactory().registerSingleton("s3Credentials", credentials))
			.listeners(listeners.toArray(ApplicationListener[]::new))
			.run());
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	TieredCacheManager manager() {
		return bean(TieredCacheManager.class);
	}

	CacheTier tier(String name) {
		return manager().tiers().get(name).tier();
	}

	TierStatistics statistics(String name) {
		return manager().tiers().get(name).statistics();
	}

	/**
	 * Calls {@link SampleService#sample(int)} with fresh arguments from {@code firstKey} until an entry it
	 * wrote can be read back from the Redis and the S3 tier themselves (the Redis client connects in the
	 * background, and a fresh S3 client pays a one-time set-up).
	 */
	void awaitSharedTiersServe(int firstKey) throws Exception {
		SampleService service = bean(SampleService.class);
		Method sample = SampleService.class.getMethod("sample", int.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		for (int n = firstKey; System.nanoTime() < deadline; n++) {
			if (!Sample.of(n).equals(service.sample(n))) {
				throw new AssertionError("wrong result for " + n);
			}
			CachetKey key = (CachetKey) manager().keyGenerator().generate(service, sample, n);
			if (holds("redis", key) && holds("s3", key)) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the Redis and S3 tiers did not both serve within 30 s");
	}

	private boolean holds(String tier, CachetKey key) {
		try {
			return tier(tier).get("samples", key.id()) != null;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
