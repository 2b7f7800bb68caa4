package dev.cachet.autoconfigure.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.cachet.backend.redis.RedisCommandStatistics;
import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A healthy Redis and a client JVM saturated by busy threads (twice as many as it has cores) for 20 s,
 * while six threads call a method cached in Redis only, with Cachet's defaults (50 ms budget, circuit
 * opening after 5 failures). The busy client delays its own threads and Lettuce's, so calls outlive
 * the budget although Redis answers every one: the circuit must never open, so no call skips Redis
 * because of delays the server did not cause. (Before the budget and the circuit told a busy client
 * from a slow server, the circuit opened within seconds here and most calls skipped Redis.)
 */
@ExtendWith(RedisServerExtension.class)
class RedisUnderCpuLoadTests {

	private static final int KEYS = 500;

	private static final int CALLERS = 6;

	private static final Duration LOAD = Duration.ofSeconds(20);

	@Test
	void aBusyClientNeverOpensTheCircuitOfAHealthyRedis(RedisServer redis) throws Exception {
		try (RedisLoadApplication app = RedisLoadApplication.start(redis)) {
			app.awaitConnected();
			app.warm(0, KEYS);
			LoadService service = app.service();
			TierStatistics statistics = app.statistics("redis");
			long computedBefore = sharedComputations(service);
			long errorsBefore = statistics.errors();
			long hitsBefore = statistics.hits();

			AtomicBoolean opened = new AtomicBoolean();
			LongAdder calls = new LongAdder();
			AtomicLong slowestNanos = new AtomicLong();
			List<Throwable> failures = new ArrayList<>();
			try (BusyThreads busy = new BusyThreads(2 * Runtime.getRuntime().availableProcessors())) {
				long end = System.nanoTime() + LOAD.toNanos();
				List<Thread> callers = new ArrayList<>();
				for (int i = 0; i < CALLERS; i++) {
					SplittableRandom random = new SplittableRandom(17 + i);
					callers.add(started("caller-" + i, () -> {
						while (System.nanoTime() < end) {
							int n = random.nextInt(KEYS);
							long start = System.nanoTime();
							try {
								if (!service.shared(n).equals("shared " + n)) {
									throw new AssertionError("wrong result for " + n);
								}
							}
							catch (Throwable ex) {
								synchronized (failures) {
									failures.add(ex);
								}
							}
							slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
							calls.increment();
						}
					}));
				}
				Thread watcher = started("circuit-watcher", () -> {
					while (System.nanoTime() < end) {
						opened.compareAndSet(false, app.redisTier().circuitState() != CircuitBreaker.State.CLOSED);
						try {
							Thread.sleep(2);
						}
						catch (InterruptedException ex) {
							return;
						}
					}
				});
				for (Thread caller : callers) {
					caller.join();
				}
				watcher.join();
			}
			long notServed = sharedComputations(service) - computedBefore;
			long errors = statistics.errors() - errorsBefore;
			RedisCommandStatistics redisCalls = app.redisTier().commandStatistics();
			System.out.printf("redis under CPU load (%s, %d busy threads, %d callers, %d s): %d calls, %d Redis hits, "
					+ "%d not served by Redis (%d Redis errors), circuit opened: %s, slowest call %d ms; %s%n",
					redis.kind(), 2 * Runtime.getRuntime().availableProcessors(), CALLERS, LOAD.toSeconds(),
					calls.sum(), statistics.hits() - hitsBefore, notServed, errors, opened.get(),
					slowestNanos.get() / 1_000_000, redisCalls);

			assertThat(failures).isEmpty();
			assertThat(calls.sum()).as("calls made").isPositive();
			assertThat(opened.get()).as("the circuit opened under CPU load with Redis healthy").isFalse();
			assertThat(redisCalls.circuitOpenings()).as("circuit openings, however brief").isZero();
			assertThat(redisCalls.refusals()).as("calls an open circuit kept from Redis").isZero();
			assertThat(redisCalls.serverFailures()).as("failures counted against the healthy server").isZero();
			assertThat(notServed).as("calls Redis did not serve (it was healthy), of %d", calls.sum())
				.isLessThanOrEqualTo(calls.sum() / 100);
			assertThat(app.redisTier().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
		}
	}

	private static long sharedComputations(LoadService service) {
		long total = 0;
		for (int n = 0; n < KEYS; n++) {
			total += service.sharedComputations(n);
		}
		return total;
	}

	static Thread started(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Threads that spin until closed, keeping every core of the machine busy. */
	static final class BusyThreads implements AutoCloseable {

		private final List<Thread> threads = new ArrayList<>();

		private volatile boolean running = true;

		BusyThreads(int count) {
			for (int i = 0; i < count; i++) {
				this.threads.add(started("busy-" + i, this::spin));
			}
		}

		private void spin() {
			long x = 1;
			while (this.running) {
				x = x * 6364136223846793005L + 1442695040888963407L;
			}
			if (x == 0) {
				System.out.print("");
			}
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
