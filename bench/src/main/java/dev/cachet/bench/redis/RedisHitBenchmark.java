package dev.cachet.bench.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.spring.cache.RedissonSpringCacheManager;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.cachet.backend.redis.RedisTier;
import dev.cachet.backend.redis.RedisTierSettings;
import dev.cachet.bench.support.BenchCaches;
import dev.cachet.bench.support.BenchRedis;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.codec.ForyValueCodec;
import dev.cachet.core.key.CachetKey;

/**
 * A Redis hit on a local server: Cachet's Redis tier alone through the tiered cache (unsigned, and
 * signed with an HMAC key), against a raw
 * Lettuce {@code GET} of the same encoded bytes plus the same decode, Spring Data Redis's
 * {@code RedisCacheManager} with its defaults (JDK serialization), and Redisson's Spring cache with
 * its defaults (Kryo 5).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisHitBenchmark {

	private static final String KEY = "bench-value";

	@Param
	public RedisValue value;

	private LettuceConnectionFactory connectionFactory;

	private RedisTier tier;

	private TieredCache cachet;

	private TieredCache cachetSigned;

	private CachetKey cachetKey;

	private RedisClient lettuce;

	private StatefulRedisConnection<byte[], byte[]> connection;

	private RedisCommands<byte[], byte[]> commands;

	private final byte[] rawKey = "bench:raw".getBytes();

	private ForyValueCodec codec;

	private Cache springData;

	private RedissonClient redisson;

	private Cache redissonCache;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Object stored = value.create();
		connectionFactory = BenchRedis.connectionFactory();
		// a 1 MiB value takes longer than the default 50 ms budget on a busy machine
		tier = new RedisTier(connectionFactory, RedisTierSettings.DEFAULTS.withTimeout(Duration.ofSeconds(2)));
		TieredCacheManager manager = BenchCaches.manager("redis", tier);
		cachet = manager.getCache("redis-hit");
		cachetKey = manager.keyGenerator().addresses().addressOf(KEY);
		cachet.put(cachetKey, stored);
		TieredCacheManager signed = BenchCaches.signedManager("redis", tier);
		cachetSigned = signed.getCache("redis-hit-signed");
		cachetSigned.put(cachetKey, stored);

		codec = BenchCaches.codec();
		lettuce = RedisClient.create(RedisURI.create(BenchRedis.host(), BenchRedis.port()));
		connection = lettuce.connect(ByteArrayCodec.INSTANCE);
		commands = connection.sync();
		commands.set(rawKey, codec.encode(stored));

		springData = RedisCacheManager.create(connectionFactory).getCache("spring-data-hit");
		springData.put(KEY, stored);

		Config config = new Config();
		config.useSingleServer().setAddress("redis://" + BenchRedis.host() + ":" + BenchRedis.port());
		redisson = Redisson.create(config);
		redissonCache = new RedissonSpringCacheManager(redisson).getCache("redisson-hit");
		redissonCache.put(KEY, stored);

		awaitHit("cachet", this::cachet);
		awaitHit("cachet signed", this::cachetSigned);
		awaitHit("raw", this::raw);
		awaitHit("spring data", this::springData);
		awaitHit("redisson", this::redisson);
	}

	/** Spring Data Redis 4 writes asynchronously: wait until the entry is visible. */
	private static void awaitHit(String side, ThrowingSupplier read) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (read.get() == null) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(side + " never returned the stored value");
			}
			Thread.sleep(10);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		redisson.shutdown();
		connection.close();
		lettuce.shutdown();
		tier.close();
		connectionFactory.destroy();
	}

	@Benchmark
	public Object cachet() {
		Cache.ValueWrapper hit = cachet.get(cachetKey);
		return (hit != null) ? hit.get() : null;
	}

	/** The same hit with {@code cachet.security.keys} set: the HMAC is checked on every Redis read. */
	@Benchmark
	public Object cachetSigned() {
		Cache.ValueWrapper hit = cachetSigned.get(cachetKey);
		return (hit != null) ? hit.get() : null;
	}

	@Benchmark
	public Object raw() throws Exception {
		byte[] bytes = commands.get(rawKey);
		return (bytes != null) ? codec.decode(bytes, 0, bytes.length) : null;
	}

	@Benchmark
	public Object springData() {
		Cache.ValueWrapper hit = springData.get(KEY);
		return (hit != null) ? hit.get() : null;
	}

	@Benchmark
	public Object redisson() {
		Cache.ValueWrapper hit = redissonCache.get(KEY);
		return (hit != null) ? hit.get() : null;
	}

	@FunctionalInterface
	private interface ThrowingSupplier {

		Object get() throws Exception;

	}

}
