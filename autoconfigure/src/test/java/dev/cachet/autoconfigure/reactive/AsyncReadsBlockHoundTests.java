package dev.cachet.autoconfigure.reactive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.redis.CachetRedisAutoConfiguration;
import dev.cachet.autoconfigure.s3.CachetS3AutoConfiguration;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cached {@code Mono}, {@code Flux} and {@code CompletableFuture} methods called on Reactor's
 * non-blocking threads never block them, whichever tier serves: memory, disk, Redis or S3, on hits
 * and on misses. BlockHound records every blocking call made on a non-blocking thread (Reactor's
 * and Netty's, so Lettuce's I/O threads too); the test fails if there was any, even one Cachet
 * caught and turned into a miss.
 *
 * <p>Runs in a JVM of its own ({@code blockhound} execution of the surefire plugin): BlockHound
 * instruments the JDK for the rest of the JVM's life.
 */
@ExtendWith({ RedisServerExtension.class, S3ServerExtension.class })
class AsyncReadsBlockHoundTests {

	private static final String BUCKET = "non-blocking";

	private static final List<String> blocked = new CopyOnWriteArrayList<>();

	@TempDir
	static Path temp;

	@BeforeAll
	static void installBlockHound() {
		// the integrations on the class path (Reactor, Netty) mark their threads as non-blocking
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> {
			String where = Arrays.stream(new Throwable().getStackTrace())
				.limit(40)
				.map(StackTraceElement::toString)
				.collect(Collectors.joining("\n\t"));
			blocked.add(method + " on " + Thread.currentThread().getName() + "\n\t" + where);
			throw new BlockingOperationError(method);
		}));
	}

	/** Counts how often each method body runs. */
	static class Ships {

		static final AtomicInteger computed = new AtomicInteger();

		@Cacheable("ships")
		public Mono<String> mono(String id) {
			return Mono.fromSupplier(() -> "mono " + id + " " + computed.incrementAndGet());
		}

		@Cacheable("ships")
		public Flux<String> flux(String id) {
			return Flux.defer(() -> Flux.just("flux", id, String.valueOf(computed.incrementAndGet())));
		}

		@Cacheable("ships")
		public CompletableFuture<String> future(String id) {
			return CompletableFuture.completedFuture("future " + id + " " + computed.incrementAndGet());
		}

		@Cacheable(cacheNames = "ships", sync = true)
		public Mono<String> monoOnce(String id) {
			return Mono.fromSupplier(() -> "mono-once " + id + " " + computed.incrementAndGet());
		}

		@Cacheable(cacheNames = "ships", sync = true)
		public CompletableFuture<String> futureOnce(String id) {
			return CompletableFuture.completedFuture("future-once " + id + " " + computed.incrementAndGet());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class App {

		@Bean
		Ships ships() {
			return new Ships();
		}

	}

	@Test
	void cachedReactiveMethodsReadEveryTierWithoutBlocking(RedisServer redis, S3Server s3) throws Exception {
		s3.createBucket(BUCKET);
		flushRedis(redis);
		Map<String, Object>[] first = new Map[1];
		app(redis, s3, "a").run((context) -> {
			warmUp(context);
			int computedBefore = Ships.computed.get();
			first[0] = callAll(context);
			assertThat(Ships.computed.get() - computedBefore).as("misses: every method ran").isEqualTo(5);
			awaitWrites(context);
			long memoryHits = tier(context, "memory").statistics().hits();
			assertThat(callAll(context)).as("memory hits").isEqualTo(first[0]);
			assertThat(tier(context, "memory").statistics().hits() - memoryHits).isEqualTo(5);
		});
		// a new instance, its own (empty) memory and disk: Redis serves
		app(redis, s3, "b").run((context) -> {
			warmUp(context);
			assertHitsIn(context, "redis", first[0]);
			awaitWrites(context);
		});
		// the same instance's disk, with an empty memory
		app(redis, s3, "a").run((context) -> {
			warmUp(context);
			assertHitsIn(context, "disk", first[0]);
		});
		// nothing nearer than S3: it serves, and the copies it makes are queued, not awaited
		flushRedis(redis);
		app(redis, s3, "c").run((context) -> {
			warmUp(context);
			long redisPuts = tier(context, "redis").statistics().puts();
			assertHitsIn(context, "s3", first[0]);
			awaitWrites(context);
			assertThat(tier(context, "redis").statistics().puts() - redisPuts).as("promoted into Redis").isEqualTo(5);
		});
		assertThat(blocked).as("blocking calls on non-blocking threads").isEmpty();
	}

	/** Calls every method on a non-blocking thread and checks that {@code tier} served them all. */
	private void assertHitsIn(ApplicationContext context, String tier, Map<String, Object> expected) {
		int computedBefore = Ships.computed.get();
		long hits = tier(context, tier).statistics().hits();
		assertThat(callAll(context)).as("hits in " + tier).isEqualTo(expected);
		assertThat(Ships.computed.get()).as("nothing computed").isEqualTo(computedBefore);
		assertThat(tier(context, tier).statistics().hits() - hits).as("hits in " + tier).isEqualTo(5);
		assertThat(blocked).as("blocking calls on non-blocking threads").isEmpty();
	}

	/** Each method once, called on one of Reactor's parallel (non-blocking) threads. */
	private Map<String, Object> callAll(ApplicationContext context) {
		Ships ships = context.getBean(Ships.class);
		return Map.of("mono", onParallel(() -> ships.mono("1")),
				"flux", onParallel(() -> Flux.defer(() -> ships.flux("2")).collectList()),
				"future", onParallel(() -> Mono.fromFuture(ships.future("3"))),
				"monoOnce", onParallel(() -> ships.monoOnce("4")),
				"futureOnce", onParallel(() -> Mono.fromFuture(ships.futureOnce("5"))));
	}

	/** What was lazy (fingerprints, connections, caches) is made on the test's thread, with keys of its own. */
	private void warmUp(ApplicationContext context) throws InterruptedException {
		Ships ships = context.getBean(Ships.class);
		ships.mono("warm").block();
		ships.flux("warm").collectList().block();
		ships.future("warm").join();
		ships.monoOnce("warm").block();
		ships.futureOnce("warm").join();
		awaitWrites(context);
	}

	private static <T> T onParallel(Supplier<Mono<T>> call) {
		return Mono.defer(call).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
	}

	private static TierBinding tier(ApplicationContext context, String name) {
		return context.getBean(TieredCacheManager.class)
			.getCache("ships")
			.getNativeCache()
			.stream()
			.filter((binding) -> binding.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static void awaitWrites(ApplicationContext context) throws InterruptedException {
		assertThat(context.getBean(TieredCacheManager.class).awaitWrites(Duration.ofSeconds(30))).isTrue();
	}

	private static void flushRedis(RedisServer redis) {
		RedisClient client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().flushall();
		}
		finally {
			client.shutdown();
		}
	}

	private ApplicationContextRunner app(RedisServer redis, S3Server s3, String disk) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					CachetRedisAutoConfiguration.class, CachetS3AutoConfiguration.class, CachetAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(App.class)
			.withBean(AwsCredentialsProvider.class, s3::credentials)
			.withPropertyValues("cachet.tiers=memory,disk,redis,s3", "cachet.disk.path=" + temp.resolve(disk),
					"spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
					"cachet.s3.bucket=" + BUCKET, "cachet.s3.endpoint=" + s3.endpoint(), "cachet.s3.path-style=true",
					"cachet.fingerprint.packages=dev.cachet.autoconfigure.reactive");
	}

}
