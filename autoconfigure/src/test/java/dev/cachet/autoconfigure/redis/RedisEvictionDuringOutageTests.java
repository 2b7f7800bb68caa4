package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.backend.redis.RedisTier;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share a real Redis; Redis freezes (SIGSTOP) and an instance evicts while its Redis
 * circuit is open, so the eviction cannot reach Redis then. After Redis resumes, neither instance
 * ever serves the evicted value: not the one that evicted, at once, and not the other one, reading
 * through Redis once the evicting instance's background retry had its turn. The same holds when
 * Redis is killed instead, and restarts empty, without the invalidation history.
 */
@ExtendWith(RedisServerExtension.class)
class RedisEvictionDuringOutageTests {

	/** A budget and breaker that a freeze opens quickly, with room for a busy build machine. */
	private static final String[] FAST_FAILING = { "cachet.redis.timeout=250ms",
			"cachet.redis.circuit-breaker.failure-threshold=3", "cachet.redis.circuit-breaker.cool-down=1s" };

	/** How long Redis stays frozen after the eviction: past the cool-down, so the next call probes Redis. */
	private static final Duration FROZEN_AFTER_EVICTION = Duration.ofMillis(1_500);

	/** Cool-down, then the retry's 1 s interval, and a margin for a loaded machine. */
	private static final Duration SOON_AFTER_RECOVERY = Duration.ofSeconds(10);

	private static final List<String> TIERS = List.of("memory", "disk", "redis");

	@TempDir
	Path diskA;

	@TempDir
	Path diskB;

	private final String prefix = "evo" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<CachetInstance> instances = new ArrayList<>();

	@AfterEach
	void tearDown() {
		instances.forEach(CachetInstance::close);
	}

	@Test
	void anEvictDuringAFreezeReachesRedisAfterwardsSoTheOtherInstanceNeverServesTheOldValue(RedisServer redis)
			throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		cacheOnBoth(a, b, "tea");

		Instant evicted = whileFrozen(redis, a, () -> a.reports().forgetPrice("tea"));

		// A reads nothing: only its background retry can take the entry out of Redis.
		awaitNothingOlderThan(evicted, "B", b, "tea");
		assertThat(b.reports().price("tea")).isEqualTo("tea from list 2");
		assertThat(a.reports().price("tea")).isEqualTo("tea from list 2");
	}

	@Test
	void theInstanceThatEvictedDuringAFreezeNeverServesTheOldValueOnceRedisIsBack(RedisServer redis)
			throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		cacheOnBoth(a, b, "tea");

		Instant evicted = whileFrozen(redis, a, () -> a.reports().forgetPrice("tea"));

		assertThat(a.reports().price("tea")).as("A at once").isEqualTo("tea from list 2");
		awaitNothingOlderThan(evicted, "B", b, "tea");
		assertThat(b.reports().price("tea")).isEqualTo("tea from list 2");
		assertThat(a.reports().price("tea")).isEqualTo("tea from list 2");
	}

	@Test
	void aClearDuringAFreezeReachesRedisAfterwardsSoNeitherInstanceServesAnOldValue(RedisServer redis)
			throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		List<String> items = List.of("tea", "coffee", "cocoa");
		cacheOnBoth(a, b, items.toArray(String[]::new));

		Instant cleared = whileFrozen(redis, a, () -> a.reports().forgetAllPrices());

		for (String item : items) {
			awaitNothingOlderThan(cleared, "B", b, item);
			assertThat(b.reports().price(item)).isEqualTo(item + " from list 2");
			assertThat(a.reports().price(item)).isEqualTo(item + " from list 2");
		}
	}

	@Test
	void anEvictWhileRedisIsKilledLeavesNeitherInstanceServingTheOldValueOnceRedisIsBack(RedisServer redis)
			throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		cacheOnBoth(a, b, "tea");

		redis.stop();
		a.reports().forgetPrice("tea");
		redis.start();

		// The restarted Redis lost the invalidation history too: B must not rely on having heard everything.
		// Depending on whether B heard A's eviction, retried once Redis was back, or only learnt that the
		// history is gone, B deletes its local copies or distrusts them (they stay on disk, unserved):
		// what must hold is what B serves.
		assertThat(a.reports().price("tea")).as("A at once").isEqualTo("tea from list 2");
		await().atMost(SOON_AFTER_RECOVERY)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(b.reports().price("tea")).isEqualTo("tea from list 2"));
		assertThat(b.reports().price("tea")).isEqualTo("tea from list 2");
		assertThat(a.reports().price("tea")).isEqualTo("tea from list 2");
	}

	private CachetInstance start(RedisServer redis, Path disk) {
		CachetInstance instance = CachetInstance.start(redis, disk, prefix, FAST_FAILING);
		instances.add(instance);
		return instance.awaitConnected();
	}

	/** Both instances hold the items' prices from list 1 in every tier; the source then moves to list 2. */
	private static void cacheOnBoth(CachetInstance a, CachetInstance b, String... items) throws Exception {
		for (String item : items) {
			assertThat(a.reports().price(item)).isEqualTo(item + " from list 1");
			a.settled();
			assertThat(b.reports().price(item)).isEqualTo(item + " from list 1");
			for (String tier : TIERS) {
				assertThat(b.entry(tier, "prices", b.keyId("prices", item))).as("B's " + tier).isNotNull();
			}
		}
		assertThat(b.reports().computations()).as("B read them from Redis").isZero();
		a.reports().priceList(2);
		b.reports().priceList(2);
	}

	/**
	 * Freezes Redis, waits until A's Redis circuit is open, runs the eviction on A (refused by the open
	 * circuit, so nothing of it waits in the socket for Redis to resume), keeps Redis frozen past the
	 * circuit's cool-down and resumes it.
	 * @return when the eviction was requested
	 */
	private static Instant whileFrozen(RedisServer redis, CachetInstance a, Runnable eviction) throws Exception {
		RedisTier tier = (RedisTier) a.tier("redis");
		redis.pause();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				try {
					tier.get("prices", "probe");
				}
				catch (Exception ex) {
					// a timeout, then the open circuit
				}
				return tier.circuitState() == CircuitBreaker.State.OPEN;
			});
			Instant requested = Instant.now();
			eviction.run();
			Thread.sleep(FROZEN_AFTER_EVICTION.toMillis());
			return requested;
		}
		finally {
			redis.resume();
		}
	}

	/** Waits until none of the instance's tiers holds an entry of the item created before {@code moment}. */
	private static void awaitNothingOlderThan(Instant moment, String name, CachetInstance instance, String item) {
		String key = instance.keyId("prices", item);
		await().atMost(SOON_AFTER_RECOVERY)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.untilAsserted(() -> {
				for (String tier : TIERS) {
					EntryMetadata entry = instance.metadata(tier, "prices", key);
					assertThat(entry == null || !entry.createdAt().isBefore(moment))
						.as("%s's %s tier still holds the evicted price of %s", name, tier, item)
						.isTrue();
				}
			});
	}

}
