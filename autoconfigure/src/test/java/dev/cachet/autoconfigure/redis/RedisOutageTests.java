package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import dev.cachet.core.envelope.Producer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.ValueHolding;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away under running instances and comes back, or is not there at start-up. Time
 * bounds here are fault bounds (a caller must not hang), not benchmarks.
 */
@ExtendWith(RedisServerExtension.class)
class RedisOutageTests {

	private static final Duration FAULT_BOUND = Duration.ofSeconds(1);

	/** Short budget, breaker and lease, so the outage is felt and recovered from quickly. */
	private static final String[] FAST_FAILING = { "cachet.redis.timeout=100ms",
			"cachet.redis.circuit-breaker.failure-threshold=3", "cachet.redis.circuit-breaker.cool-down=500ms",
			"cachet.redis.lease.time=2s" };

	@TempDir
	Path diskA;

	@TempDir
	Path diskB;

	private final String prefix = "out" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<CachetInstance> instances = new ArrayList<>();

	private final ExecutorService pool = Executors.newCachedThreadPool();

	@AfterEach
	void tearDown() {
		pool.shutdownNow();
		instances.forEach(CachetInstance::close);
	}

	private CachetInstance start(RedisServer redis, Path disk, String... settings) {
		CachetInstance instance = CachetInstance.start(redis, disk, prefix, settings);
		instances.add(instance);
		return instance;
	}

	@Test
	void callersSeeNoErrorAndNoHangWhileRedisIsKilledAndHitsFromRedisResumeWhenItIsBack(RedisServer redis)
			throws Exception {
		CachetInstance a = start(redis, diskA, FAST_FAILING).awaitConnected();
		CachetInstance b = start(redis, diskB, FAST_FAILING).awaitConnected();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger calls = new AtomicInteger();
		ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
		List<Future<?>> load = new ArrayList<>();
		for (int thread = 0; thread < 6; thread++) {
			Reports reports = (thread % 2 == 0) ? a.reports() : b.reports();
			load.add(pool.submit(() -> {
				while (running.get()) {
					// Mostly cold keys (so Redis is asked), shared by both instances (so leases contend).
					String region = "r" + ThreadLocalRandom.current().nextInt(5_000);
					long start = System.nanoTime();
					try {
						String result = (calls.get() % 2 == 0) ? reports.report(region) : reports.slow(region, 20);
						Duration took = Duration.ofNanos(System.nanoTime() - start);
						if (!Reports.expected(region).equals(result)) {
							problems.add("wrong result for " + region + ": " + result);
						}
						if (took.compareTo(FAULT_BOUND) > 0) {
							problems.add("call took " + took.toMillis() + " ms");
						}
					}
					catch (Throwable ex) {
						problems.add("caller saw " + ex);
					}
					calls.incrementAndGet();
				}
				return null;
			}));
		}
		Thread.sleep(500);
		redis.stop();
		int callsBeforeOutage = calls.get();
		Thread.sleep(2_000);
		int callsDuringOutage = calls.get() - callsBeforeOutage;
		assertThat(a.tier("redis").health().state()).isNotEqualTo(TierHealth.State.UP);
		redis.start();
		Thread.sleep(1_000);
		running.set(false);
		for (Future<?> thread : load) {
			thread.get(30, TimeUnit.SECONDS);
		}
		assertThat(problems).isEmpty();
		assertThat(callsDuringOutage).as("callers kept being served during the outage").isPositive();

		// Without restarting either instance, a value A computes is again a hit on B through Redis.
		AtomicInteger attempt = new AtomicInteger();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			String region = "after-" + attempt.incrementAndGet();
			a.reports().report(region);
			int before = b.reports().computations();
			assertThat(b.reports().report(region)).isEqualTo(Reports.expected(region));
			assertThat(b.reports().computations()).as("B computed " + region).isEqualTo(before);
		});
		assertThat(b.tier("redis").health()).isEqualTo(TierHealth.up());
	}

	@Test
	void afterARedisRestartTheOtherInstanceDropsItsMemoryTier(RedisServer redis) throws Exception {
		CachetInstance b = start(redis, diskB, FAST_FAILING).awaitConnected();
		b.tier("memory").values().orElseThrow().put("reports", CachetKey.of("only-b"), onlyInMemory(), Duration.ofHours(1),
				System.currentTimeMillis());
		assertThat(b.entry("memory", "reports", "only-b")).isNotNull();

		redis.stop();
		redis.start();

		// Evictions published while B was cut off are lost: B cannot trust its memory tier any more.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(
				() -> assertThat(b.entry("memory", "reports", "only-b")).as("memory tier after messagesLost").isNull());
	}

	@Test
	void startsWhileRedisIsDownReportsTheTierDownAndServesFromTheOtherTiers(RedisServer redis) {
		redis.stop();
		CachetInstance a = start(redis, diskA, FAST_FAILING);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(a.tier("redis").health().state()).isNotEqualTo(TierHealth.State.UP));

		long start = System.nanoTime();
		assertThat(a.reports().report("offline")).isEqualTo(Reports.expected("offline"));
		assertThat(a.reports().report("offline")).isEqualTo(Reports.expected("offline"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAULT_BOUND.multipliedBy(2));
		assertThat(a.reports().computations()).as("second call is a memory hit").isEqualTo(1);

		redis.start();
		// Fresh keys, so each attempt misses memory and disk and really calls Redis.
		AtomicInteger attempt = new AtomicInteger();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			a.reports().report("online-" + attempt.incrementAndGet());
			assertThat(a.tier("redis").health()).isEqualTo(TierHealth.up());
		});
	}

	private static ValueHolding.HeldValue onlyInMemory() {
		EntryMetadata metadata = new EntryMetadata(Instant.now(), Duration.ofHours(1), Duration.ofMillis(1),
				Producer.PROGRAMMATIC, EntryMetadata.address("reports", "only-b"));
		return new ValueHolding.HeldValue(metadata, "stale unless told otherwise");
	}

}
