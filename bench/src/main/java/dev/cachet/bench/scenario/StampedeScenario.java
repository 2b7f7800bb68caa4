package dev.cachet.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;
import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;
import dev.cachet.bench.support.BenchCaches;
import dev.cachet.bench.support.TempFolders;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.key.CachetKey;

/**
 * A stampede: {@value #THREADS} threads ask a disk-backed cache for one cold key at once, through
 * {@code get(key, loader)}, with a loader that takes {@value #LOADER_MILLIS} ms. Measures how many
 * times the loader ran (worst round) and the 99th percentile of the callers' waits (median over
 * rounds).
 */
public final class StampedeScenario {

	public static final int THREADS = 64;

	public static final long LOADER_MILLIS = 100;

	private final int rounds;

	public StampedeScenario(int rounds) {
		this.rounds = rounds;
	}

	/** {@code Stampede computations}, {@code Stampede p99 wait} and the loader time they compare to. */
	public List<Measurement> run() throws Exception {
		Path folder = TempFolders.create("cachet-bench-stampede");
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try (DiskTier tier = new DiskTier(new DiskTierSettings(folder, Long.MAX_VALUE, Duration.ofHours(1)))) {
			TieredCacheManager manager = BenchCaches.manager("disk", tier);
			TieredCache cache = manager.getCache("stampede");
			int worstComputations = 0;
			List<Double> p99s = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				CachetKey key = manager.keyGenerator().addresses().addressOf("round-" + round);
				AtomicInteger computations = new AtomicInteger();
				double[] waits = round(executor, cache, key, computations);
				worstComputations = Math.max(worstComputations, computations.get());
				p99s.add(percentile(waits, 0.99));
			}
			return List.of(Measurement.single("Stampede computations", Unit.COUNT, worstComputations),
					Measurement.median("Stampede p99 wait", Unit.NANOSECONDS, p99s),
					Measurement.single("Stampede loader time", Unit.NANOSECONDS, LOADER_MILLIS * 1_000_000.0));
		}
		finally {
			executor.shutdownNow();
			TempFolders.delete(folder);
		}
	}

	private static double[] round(ExecutorService executor, TieredCache cache, CachetKey key,
			AtomicInteger computations) throws Exception {
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch go = new CountDownLatch(1);
		long[] start = new long[1];
		List<Future<Long>> waits = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			waits.add(executor.submit(() -> {
				ready.countDown();
				go.await();
				String value = cache.get(key, () -> {
					computations.incrementAndGet();
					Thread.sleep(LOADER_MILLIS);
					return "computed";
				});
				long end = System.nanoTime();
				if (!"computed".equals(value)) {
					throw new IllegalStateException("Stampede caller got " + value);
				}
				return end - start[0];
			}));
		}
		ready.await();
		start[0] = System.nanoTime();
		go.countDown();
		double[] nanos = new double[THREADS];
		for (int i = 0; i < THREADS; i++) {
			nanos[i] = waits.get(i).get();
		}
		return nanos;
	}

	/** Nearest-rank percentile. */
	private static double percentile(double[] values, double fraction) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(fraction * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

}
