package dev.cachet.autoconfigure.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;
import dev.cachet.backend.redis.RedisTier;
import dev.cachet.backend.redis.RedisTierSettings;
import dev.cachet.backend.s3.S3Tier;
import dev.cachet.backend.s3.S3TierSettings;
import dev.cachet.core.cache.EntrySerializer;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.cache.TieredCacheManagerBuilder;
import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.codec.ForyValueCodec;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Memory, disk and Redis tiers, and optionally S3, in a {@link TieredCacheManager} built by hand, as the
 * auto-configuration builds it, with the codec allowing only this test package and JDK values.
 */
final class HandWiredTiers implements AutoCloseable {

	static final String PACKAGE = "dev.cachet.autoconfigure.reliability";

	/** The codec decodes these and JDK values only; {@code gadget} is outside. */
	static final String VALUES_PACKAGE = PACKAGE + ".values";

	/** Fails fast while Redis is down: 200 ms per command, circuit opens after 3 failures for 500 ms. */
	static final RedisTierSettings REDIS_SETTINGS = RedisTierSettings.DEFAULTS.withKeyPrefix("reliability:")
		.withTimeout(Duration.ofMillis(200))
		.withCircuitBreaker(3, Duration.ofMillis(500));

	/** The bucket of the S3 tier, created on the test's server. */
	static final String BUCKET = "hand-wired";

	/** Fails fast while S3 is down: 1 s per request, circuit opens after 3 failures for 500 ms. */
	static final S3TierSettings S3_SETTINGS = S3TierSettings.of(BUCKET)
		.withPrefix("reliability/")
		.withTimeout(Duration.ofSeconds(1))
		.withCircuitBreaker(3, Duration.ofMillis(500));

	final MemoryTier memory;

	final DiskTier disk;

	final RedisTier redis;

	/** {@code null} unless built with an S3 server. */
	final S3Tier s3;

	private final S3Client s3Client;

	final LettuceConnectionFactory connectionFactory;

	/** Compresses payloads above 1 KB, so the compressed read path is exercised too. */
	final EntrySerializer serializer = new EntrySerializer(
			new ForyValueCodec(ClassAllowlist.of(List.of(VALUES_PACKAGE))), 1024);

	final TieredCacheManager manager;

	HandWiredTiers(RedisServer server, Path diskFolder, long memoryBytes) {
		this(connectionFactory(server), null, diskFolder, memoryBytes, EnvelopeSigner.none());
	}

	/** Adds the S3 tier, last, on {@link #BUCKET} of the given server. */
	HandWiredTiers(RedisServer server, S3Server s3, Path diskFolder, long memoryBytes) {
		this(connectionFactory(server), s3, diskFolder, memoryBytes, EnvelopeSigner.none());
	}

	/** With the S3 tier; entries are signed, and those read from Redis and S3 must be. */
	HandWiredTiers(RedisServer server, S3Server s3, Path diskFolder, long memoryBytes, EnvelopeSigner signer) {
		this(connectionFactory(server), s3, diskFolder, memoryBytes, signer);
	}

	HandWiredTiers(LettuceConnectionFactory connectionFactory, Path diskFolder, long memoryBytes) {
		this(connectionFactory, null, diskFolder, memoryBytes, EnvelopeSigner.none());
	}

	private HandWiredTiers(LettuceConnectionFactory connectionFactory, S3Server s3, Path diskFolder,
			long memoryBytes, EnvelopeSigner signer) {
		this.connectionFactory = connectionFactory;
		this.memory = new MemoryTier(memoryBytes);
		this.disk = new DiskTier(new DiskTierSettings(diskFolder, Long.MAX_VALUE, Duration.ofMinutes(10)));
		this.redis = new RedisTier(connectionFactory, REDIS_SETTINGS);
		if (s3 != null) {
			s3.createBucket(BUCKET);
			this.s3Client = s3.newClient();
			this.s3 = new S3Tier(this.s3Client, S3_SETTINGS);
		}
		else {
			this.s3Client = null;
			this.s3 = null;
		}
		CachetKeyGenerator keys = new CachetKeyGenerator(
				new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(PACKAGE), true, ""))),
				new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));
		List<String> order = new ArrayList<>(List.of("memory", "disk", "redis"));
		TieredCacheManagerBuilder builder = TieredCacheManager.builder(this.serializer, keys)
			.signer(signer, false)
			.tier("memory", this.memory, null)
			.tier("disk", this.disk, null)
			.tier("redis", this.redis, null);
		if (this.s3 != null) {
			builder.tier("s3", this.s3, null);
			order.add("s3");
		}
		this.manager = builder.defaultTiers(order).build();
	}

	private static LettuceConnectionFactory connectionFactory(RedisServer server) {
		return connectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
	}

	static LettuceConnectionFactory connectionFactory(RedisStandaloneConfiguration configuration) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/** An application context whose {@code @Cacheable} beans use this manager and its key generator. */
	AnnotationConfigApplicationContext application(Class<?>... beans) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(CachingApp.class);
		context.registerBean("cacheManager", TieredCacheManager.class, () -> this.manager);
		context.registerBean(CachingConfigurer.class, () -> new CachingConfigurer() {
			@Override
			public KeyGenerator keyGenerator() {
				return HandWiredTiers.this.manager.keyGenerator();
			}
		});
		for (Class<?> bean : beans) {
			context.registerBean(bean);
		}
		context.refresh();
		return context;
	}

	@Override
	public void close() {
		this.disk.close();
		this.redis.close();
		this.connectionFactory.destroy();
		if (this.s3Client != null) {
			this.s3Client.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingApp {

	}

}
