package dev.cachet.autoconfigure.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cachet.core.cache.TierStatistics;
import dev.cachet.testsupport.LocalRedisCluster;
import dev.cachet.testsupport.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-master Redis Cluster under load loses one master (SIGKILL): the master that holds the
 * invalidation bus's subscription, so the application also loses and restores its pub/sub. The
 * application runs with Cachet's Redis defaults. Keys of the two other masters must keep being
 * served by Redis (the dead master's slots alone miss), and the memory tier must serve as many hits
 * as before once the fault has settled.
 */
class RedisClusterNodeFaultTests {

	private static final int HOT_KEYS = 300;

	private static final int SHARED_KEYS = 600;

	private static final int THREADS = 4;

	private static final Duration BEFORE = Duration.ofSeconds(4);

	private static final Duration AFTER = Duration.ofSeconds(12);

	/** The last seconds of {@link #AFTER}, when throughput must be back. */
	private static final Duration SETTLED = Duration.ofSeconds(4);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void tearDown() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aDeadMasterMissesOnlyItsOwnSlotsAndMemoryHitsRecover() throws Exception {
		LocalRedisCluster cluster = LocalRedisCluster.start(3);
		this.resources.add(cluster);
		RedisLoadApplication app = RedisLoadApplication.start(cluster);
		this.resources.add(app);
		app.awaitConnected();
		app.warm(HOT_KEYS, SHARED_KEYS);
		int[] nodeOfShared = new int[SHARED_KEYS];
		for (int n = 0; n < SHARED_KEYS; n++) {
			nodeOfShared[n] = cluster.nodeOfSlot(SlotHash.getSlot(app.redisKey("shared", "shared", n)));
		}
		int victim = nodeHoldingSubscription(cluster, app.keyPrefix() + "invalidation");

		LoadService service = app.service();
		TierStatistics memory = app.statistics("memory");
		try (Load load = new Load(service, nodeOfShared)) {
			Sample start = load.sample(memory);
			Thread.sleep(BEFORE.toMillis());
			Sample beforeKill = load.sample(memory);

			cluster.nodes().get(victim).stop();
			List<Sample> timeline = new ArrayList<>(List.of(beforeKill));
			for (long s = 0; s < AFTER.toSeconds(); s++) {
				Thread.sleep(1000);
				timeline.add(load.sample(memory));
			}
			load.close();
			Sample end = timeline.get(timeline.size() - 1);
			Sample settledFrom = timeline.get(timeline.size() - 1 - (int) SETTLED.toSeconds());

			System.out.printf("redis cluster, master %d of 3 killed (it held the bus's subscription):%n", victim);
			System.out.printf("  before:  %s%n", beforeKill.minus(start).describe(BEFORE, victim));
			for (int i = 1; i < timeline.size(); i++) {
				System.out.printf("  +%2d s:   %s%n", i,
						timeline.get(i).minus(timeline.get(i - 1)).describe(Duration.ofSeconds(1), victim));
			}
			Sample afterKill = end.minus(beforeKill);
			Sample settled = end.minus(settledFrom);
			Sample before = beforeKill.minus(start);
			System.out.printf("  after:   %s%n  settled: %s%n", afterKill.describe(AFTER, victim),
					settled.describe(SETTLED, victim));
			System.out.printf("  slowest pair of calls %d ms; Redis calls: %s%n", load.slowestNanos.get() / 1_000_000,
					app.redisTier().commandStatistics());

			assertThat(load.failures).isEmpty();
			long callsBefore = before.calls[0] + before.calls[1] + before.calls[2];
			assertThat(before.totalNotServed()).as("warmed keys Redis did not serve before the fault, of %d", callsBefore)
				.isLessThanOrEqualTo(callsBefore / 100);
			for (int node = 0; node < 3; node++) {
				if (node == victim) {
					assertThat(afterKill.notServed[node]).as("keys of the dead master miss").isPositive();
				}
				else {
					assertThat(afterKill.notServed[node])
						.as("calls for keys of live master %d not served by Redis, of %d", node, afterKill.calls[node])
						.isLessThanOrEqualTo(afterKill.calls[node] / 100);
				}
			}
			assertThat(settled.memoryHitRatio()).as("share of hot calls served from memory, settled vs before")
				.isGreaterThanOrEqualTo(0.9 * before.memoryHitRatio());
			assertThat(settled.memoryHitsPerSecond(SETTLED))
				.as("memory hits per second, settled vs before (%.0f)", before.memoryHitsPerSecond(BEFORE))
				.isGreaterThanOrEqualTo(0.5 * before.memoryHitsPerSecond(BEFORE));
		}
	}

	/** The index of the node where the channel has its one subscriber. */
	private static int nodeHoldingSubscription(LocalRedisCluster cluster, String channel) {
		RedisClient client = RedisClient.create();
		try {
			for (int i = 0; i < cluster.nodes().size(); i++) {
				RedisServer node = cluster.nodes().get(i);
				try (StatefulRedisConnection<String, String> connection = client
					.connect(RedisURI.create(node.host(), node.port()))) {
					Map<String, Long> subscribers = connection.sync().pubsubNumsub(channel);
					if (subscribers.getOrDefault(channel, 0L) > 0) {
						return i;
					}
				}
			}
		}
		finally {
			client.shutdown();
		}
		throw new AssertionError("no node has a subscriber of " + channel);
	}

	/** Counters at one moment. */
	record Sample(long hotCalls, long memoryHits, long[] calls, long[] notServed) {

		Sample minus(Sample earlier) {
			long[] callDelta = new long[3];
			long[] missDelta = new long[3];
			for (int i = 0; i < 3; i++) {
				callDelta[i] = this.calls[i] - earlier.calls[i];
				missDelta[i] = this.notServed[i] - earlier.notServed[i];
			}
			return new Sample(this.hotCalls - earlier.hotCalls, this.memoryHits - earlier.memoryHits, callDelta,
					missDelta);
		}

		long totalNotServed() {
			return this.notServed[0] + this.notServed[1] + this.notServed[2];
		}

		double memoryHitRatio() {
			return (this.hotCalls == 0) ? 0 : (double) this.memoryHits / this.hotCalls;
		}

		double memoryHitsPerSecond(Duration window) {
			return this.memoryHits * 1000.0 / window.toMillis();
		}

		String describe(Duration window, int victim) {
			StringBuilder text = new StringBuilder(String.format("memory hits %6.0f/s (%3.0f%% of hot calls)",
					memoryHitsPerSecond(window), 100 * memoryHitRatio()));
			for (int i = 0; i < 3; i++) {
				text.append(String.format("; master %d%s: %d calls, %d not served by Redis", i,
						(i == victim) ? " (killed)" : "", this.calls[i], this.notServed[i]));
			}
			return text.toString();
		}

	}

	/** Threads calling {@code hot} and {@code shared} in turn with random keys, counting per master. */
	private static final class Load implements AutoCloseable {

		private final LoadService service;

		private final int[] nodeOfShared;

		private final LongAdder hotCalls = new LongAdder();

		private final AtomicLongArray sharedCalls = new AtomicLongArray(3);

		final List<Throwable> failures = new ArrayList<>();

		private final List<Thread> threads = new ArrayList<>();

		/** The slowest pair of calls. */
		final AtomicLong slowestNanos = new AtomicLong();

		private volatile boolean running = true;

		Load(LoadService service, int[] nodeOfShared) {
			this.service = service;
			this.nodeOfShared = nodeOfShared;
			for (int i = 0; i < THREADS; i++) {
				SplittableRandom random = new SplittableRandom(31 + i);
				Thread thread = new Thread(() -> run(random), "load-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}

		private void run(SplittableRandom random) {
			while (this.running) {
				long start = System.nanoTime();
				try {
					int hot = random.nextInt(HOT_KEYS);
					check(this.service.hot(hot), "hot " + hot);
					this.hotCalls.increment();
					int shared = random.nextInt(SHARED_KEYS);
					check(this.service.shared(shared), "shared " + shared);
					this.sharedCalls.incrementAndGet(this.nodeOfShared[shared]);
				}
				catch (Throwable ex) {
					synchronized (this.failures) {
						this.failures.add(ex);
					}
				}
				this.slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
			}
		}

		private static void check(String actual, String expected) {
			if (!expected.equals(actual)) {
				throw new AssertionError("expected " + expected + " but got " + actual);
			}
		}

		Sample sample(TierStatistics memory) {
			long[] calls = new long[3];
			long[] notServed = new long[3];
			for (int n = 0; n < SHARED_KEYS; n++) {
				// the warm-up computed each key once
				notServed[this.nodeOfShared[n]] += this.service.sharedComputations(n) - 1;
			}
			for (int i = 0; i < 3; i++) {
				calls[i] = this.sharedCalls.get(i);
			}
			return new Sample(this.hotCalls.sum(), memory.hits(), calls, notServed);
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			for (Thread thread : this.threads) {
				thread.join();
			}
		}

	}

}
