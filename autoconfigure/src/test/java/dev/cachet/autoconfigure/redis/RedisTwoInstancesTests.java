package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two application instances share a real Redis: hits, one computation per key, invalidation. */
@ExtendWith(RedisServerExtension.class)
class RedisTwoInstancesTests {

	private static final Duration LEASE_TIME = Duration.ofSeconds(3);

	@TempDir
	Path diskA;

	@TempDir
	Path diskB;

	private final String prefix = "two" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<CachetInstance> instances = new ArrayList<>();

	private final ExecutorService pool = Executors.newCachedThreadPool();

	@AfterEach
	void tearDown() {
		pool.shutdownNow();
		instances.forEach(CachetInstance::close);
	}

	private CachetInstance start(RedisServer redis, Path disk) {
		CachetInstance instance = CachetInstance.start(redis, disk, prefix,
				"cachet.redis.lease.time=" + LEASE_TIME.toMillis() + "ms");
		instances.add(instance);
		return instance.awaitConnected();
	}

	@Test
	void aValueComputedOnOneInstanceIsAHitOnTheOther(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		assertThat(a.reports().report("north")).isEqualTo(Reports.expected("north"));
		a.settled();
		assertThat(b.reports().report("north")).isEqualTo(Reports.expected("north"));
		assertThat(a.reports().computations()).isEqualTo(1);
		assertThat(b.reports().computations()).as("B's method body never ran").isEqualTo(0);
		assertThat(b.manager().tiers().get("redis").statistics().hits()).isEqualTo(1);
	}

	@Test
	void closingAnInstanceRightAfterAMissLandsItsQueuedWriteInRedis(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		for (int i = 0; i < 20; i++) {
			assertThat(a.reports().report("closing-" + i)).isEqualTo(Reports.expected("closing-" + i));
		}
		a.close(); // no wait for the writes: the close flushes them
		CachetInstance b = start(redis, diskB);
		for (int i = 0; i < 20; i++) {
			assertThat(b.reports().report("closing-" + i)).isEqualTo(Reports.expected("closing-" + i));
		}
		assertThat(b.reports().computations()).as("every result came from Redis").isZero();
	}

	@Test
	void sixteenCallersOnEachOfTwoInstancesComputeAColdKeyOnce(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		int perInstance = 16;
		CyclicBarrier start = new CyclicBarrier(2 * perInstance);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < 2 * perInstance; i++) {
			Reports reports = (i % 2 == 0) ? a.reports() : b.reports();
			results.add(pool.submit(() -> {
				start.await();
				return reports.slow("cold", 500);
			}));
		}
		for (Future<String> result : results) {
			assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(Reports.expected("cold"));
		}
		assertThat(a.reports().computations() + b.reports().computations())
			.as("computations on both instances together")
			.isEqualTo(1);
	}

	@Test
	void whenTheInstanceHoldingTheLeaseDiesTheOtherComputesAfterTheLeaseTime(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		CountDownLatch hang = new CountDownLatch(1);
		a.reports().gate(hang);
		try {
			List<Future<String>> onA = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				onA.add(pool.submit(() -> a.reports().gated("orphan")));
			}
			// A's loader runs, so A holds the lease.
			await().atMost(Duration.ofSeconds(10)).until(() -> a.reports().computations() == 1);
			long leaseTaken = System.nanoTime();
			List<Future<String>> onB = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				onB.add(pool.submit(() -> b.reports().gated("orphan")));
			}
			Thread.sleep(500);
			assertThat(b.reports().computations()).as("B waits while A holds the lease").isEqualTo(0);

			a.close(); // the instance dies; its loader never finishes, so the lease is never released

			for (Future<String> result : onB) {
				assertThat(result.get(LEASE_TIME.toMillis() + 10_000, TimeUnit.MILLISECONDS))
					.isEqualTo(Reports.expected("orphan"));
			}
			Duration waited = Duration.ofNanos(System.nanoTime() - leaseTaken);
			assertThat(b.reports().computations()).as("one computation for B's 16 callers").isEqualTo(1);
			assertThat(waited).as("B computed within the lease time and a margin").isLessThan(LEASE_TIME.plusSeconds(3));
			assertThat(onA).allMatch(future -> !future.isDone());
		}
		finally {
			hang.countDown();
		}
	}

	@Test
	void anEvictOnOneInstanceRemovesTheEntryFromTheOthersMemoryAndDisk(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		a.reports().account("ada");
		a.settled();
		assertThat(b.reports().account("ada")).isEqualTo("account ada");
		assertThat(b.reports().computations()).as("read from Redis").isEqualTo(0);
		String key = b.keyId("accounts", "ada");
		assertThat(b.entry("memory", "accounts", key)).as("filled from Redis").isNotNull();
		assertThat(b.entry("disk", "accounts", key)).as("filled from Redis").isNotNull();

		a.reports().forgetAccount("ada");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(b.entry("memory", "accounts", key)).isNull();
			assertThat(b.entry("disk", "accounts", key)).isNull();
		});
		assertThat(b.entry("redis", "accounts", key)).isNull();
		assertThat(b.reports().account("ada")).isEqualTo("account ada");
		assertThat(b.reports().computations()).as("computed again after the evict").isEqualTo(1);
	}

	@Test
	void aClearOnOneInstanceEmptiesTheOthersMemoryAndDisk(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		List<String> ids = List.of("ada", "bob", "cy");
		ids.forEach(a.reports()::account);
		a.settled();
		ids.forEach(b.reports()::account);
		assertThat(b.reports().computations()).isEqualTo(0);
		for (String id : ids) {
			assertThat(b.entry("memory", "accounts", b.keyId("accounts", id))).isNotNull();
			assertThat(b.entry("disk", "accounts", b.keyId("accounts", id))).isNotNull();
		}

		a.reports().forgetAllAccounts();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (String id : ids) {
				String key = b.keyId("accounts", id);
				assertThat(b.entry("memory", "accounts", key)).as("memory " + id).isNull();
				assertThat(b.entry("disk", "accounts", key)).as("disk " + id).isNull();
				assertThat(b.entry("redis", "accounts", key)).as("redis " + id).isNull();
			}
		});
		ids.forEach(b.reports()::account);
		assertThat(b.reports().computations()).as("all computed again after the clear").isEqualTo(ids.size());
	}

}
