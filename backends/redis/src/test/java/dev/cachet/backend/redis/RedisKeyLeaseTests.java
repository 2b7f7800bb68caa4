package dev.cachet.backend.redis;

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
import java.util.concurrent.atomic.AtomicInteger;

import dev.cachet.core.tier.KeyLease;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class RedisKeyLeaseTests {

	private static final Duration LEASE_TIME = Duration.ofSeconds(10);

	private final TestRedis testRedis = new TestRedis();

	private final String prefix = "l" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private RedisKeyLease instanceA;

	private RedisKeyLease instanceB;

	@BeforeEach
	void setUp(RedisServer redis) {
		this.instanceA = new RedisKeyLease(this.testRedis.factory(redis), TestRedis.settings(this.prefix));
		this.instanceB = new RedisKeyLease(this.testRedis.factory(redis), TestRedis.settings(this.prefix));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.instanceA.isListening() && this.instanceB.isListening());
	}

	@AfterEach
	void tearDown() {
		this.instanceA.close();
		this.instanceB.close();
		this.testRedis.close();
	}

	@Test
	void oneOfThirtyTwoRacingThreadsOnTwoInstancesComputesTheOthersAreWokenByTheRelease() throws Exception {
		int threads = 32;
		CyclicBarrier start = new CyclicBarrier(threads);
		CountDownLatch othersTried = new CountDownLatch(threads - 1);
		AtomicInteger acquired = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Long>> waits = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			KeyLease lease = (i % 2 == 0) ? this.instanceA : this.instanceB;
			waits.add(pool.submit(() -> {
				start.await();
				KeyLease.Handle handle = lease.tryAcquire("ais", "cold", LEASE_TIME);
				if (handle.acquired()) {
					acquired.incrementAndGet();
					othersTried.await(10, TimeUnit.SECONDS);
					Thread.sleep(200); // the computation
					handle.close();
					return -1L;
				}
				othersTried.countDown();
				long begin = System.nanoTime();
				assertThat(lease.awaitRelease("ais", "cold", Duration.ofSeconds(30))).isTrue();
				return System.nanoTime() - begin;
			}));
		}
		List<Long> waited = new ArrayList<>();
		for (Future<Long> wait : waits) {
			waited.add(wait.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(acquired).hasValue(1);
		assertThat(waited).filteredOn((nanos) -> nanos >= 0)
			.hasSize(threads - 1)
			.allSatisfy((nanos) -> assertThat(Duration.ofNanos(nanos)).isLessThan(LEASE_TIME.dividedBy(2)));
	}

	@Test
	void waiterReturnsWhenTheLeaseOfADeadHolderExpires() throws Exception {
		KeyLease.Handle abandoned = this.instanceA.tryAcquire("ais", "k", Duration.ofSeconds(1));
		assertThat(abandoned.acquired()).isTrue();
		long begin = System.nanoTime();
		assertThat(this.instanceB.awaitRelease("ais", "k", Duration.ofSeconds(30))).isTrue();
		Duration waited = Duration.ofNanos(System.nanoTime() - begin);
		assertThat(waited).isGreaterThan(Duration.ofMillis(500)).isLessThan(Duration.ofMillis(2500));
		assertThat(this.instanceB.tryAcquire("ais", "k", LEASE_TIME).acquired()).isTrue();
	}

	@Test
	void onlyTheOwnerReleases() throws Exception {
		KeyLease.Handle owner = this.instanceA.tryAcquire("ais", "k", LEASE_TIME);
		KeyLease.Handle other = this.instanceB.tryAcquire("ais", "k", LEASE_TIME);
		assertThat(owner.acquired()).isTrue();
		assertThat(other.acquired()).isFalse();
		other.close();
		assertThat(this.instanceB.tryAcquire("ais", "k", LEASE_TIME).acquired()).isFalse();
		owner.close();
		assertThat(this.instanceB.awaitRelease("ais", "k", Duration.ofSeconds(5))).isTrue();
		assertThat(this.instanceB.tryAcquire("ais", "k", LEASE_TIME).acquired()).isTrue();
	}

	@Test
	void awaitReturnsFalseWhenTheWaitEndsFirst() throws Exception {
		assertThat(this.instanceA.tryAcquire("ais", "k", LEASE_TIME).acquired()).isTrue();
		assertThat(this.instanceB.awaitRelease("ais", "k", Duration.ofMillis(200))).isFalse();
	}

	@Test
	void failsOpenWhileRedisIsUnreachable() throws Exception {
		try (RedisKeyLease down = new RedisKeyLease(this.testRedis.deadFactory(), RedisTierSettings.DEFAULTS)) {
			KeyLease.Handle handle = down.tryAcquire("ais", "k", LEASE_TIME);
			assertThat(handle.acquired()).isTrue();
			handle.close();
			assertThat(down.awaitRelease("ais", "k", Duration.ofSeconds(30))).isTrue();
		}
	}


	@Test
	void aWaiterIsNotStuckForTheLeaseTimeWhenRedisDiesDuringItsWait(RedisServer redis) throws Exception {
		KeyLease.Handle holder = this.instanceA.tryAcquire("ais", "outage", LEASE_TIME);
		assertThat(holder.acquired()).isTrue();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<Long> wait = pool.submit(() -> {
				long begin = System.nanoTime();
				this.instanceB.awaitRelease("ais", "outage", LEASE_TIME);
				return System.nanoTime() - begin;
			});
			Thread.sleep(200);
			redis.stop();
			long waitedMillis = TimeUnit.NANOSECONDS.toMillis(wait.get(LEASE_TIME.toSeconds(), TimeUnit.SECONDS));
			assertThat(waitedMillis).as("back within the re-check interval, not the %s lease", LEASE_TIME)
				.isLessThan(3_000);
		}
		finally {
			pool.shutdownNow();
			redis.start();
		}
	}

}
