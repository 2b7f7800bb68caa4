package dev.cachet.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.springframework.cache.Cache;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;
import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;
import dev.cachet.bench.support.BenchCaches;
import dev.cachet.bench.support.TempFolders;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;

/**
 * How the disk tier's costs grow with its entry count: a hit on a random key through the tiered
 * cache, and the start-up index rebuild over a folder of that many entries. Entries are small
 * strings, written in parallel through the tiered cache.
 */
public final class DiskScaleScenario {

	private static final int WARMUP_HITS = 5_000;

	private final List<Integer> sizes;

	private final int hits;

	private final int startups;

	public DiskScaleScenario(List<Integer> sizes, int hits, int startups) {
		this.sizes = sizes;
		this.hits = hits;
		this.startups = startups;
	}

	/** For each size: {@code Disk hit @ n entries} and {@code Disk start-up @ n entries}. */
	public List<Measurement> run() throws Exception {
		List<Measurement> measurements = new ArrayList<>();
		for (int size : sizes) {
			measurements.addAll(measure(size));
		}
		return measurements;
	}

	public static String label(String what, int entries) {
		return String.format(Locale.ROOT, "Disk %s @ %,d entries", what, entries);
	}

	private List<Measurement> measure(int entries) throws Exception {
		Path folder = TempFolders.create("cachet-bench-scale");
		DiskTierSettings settings = new DiskTierSettings(folder, Long.MAX_VALUE, Duration.ofHours(1));
		try {
			CachetKeyGenerator keyGenerator = BenchCaches.keyGenerator();
			CachetKey[] keys = IntStream.range(0, entries)
				.parallel()
				.mapToObj(i -> keyGenerator.addresses().addressOf(i))
				.toArray(CachetKey[]::new);
			long writeStart = System.nanoTime();
			Measurement hit;
			try (DiskTier tier = new DiskTier(settings)) {
				TieredCacheManager manager = BenchCaches.manager("disk", tier);
				TieredCache cache = manager.getCache("scale");
				IntStream.range(0, entries).parallel().forEach(i -> cache.put(keys[i], "value-" + i));
				System.out.printf(Locale.ROOT, "[scale] wrote %,d entries in %.1f s%n", entries,
						(System.nanoTime() - writeStart) / 1e9);
				hit = hitLatency(cache, keys, entries);
			}
			List<Double> startupNanos = new ArrayList<>();
			for (int i = 0; i < startups; i++) {
				long start = System.nanoTime();
				try (DiskTier restarted = new DiskTier(settings)) {
					startupNanos.add((double) (System.nanoTime() - start));
					long indexed = restarted.entryCount().orElse(-1);
					if (indexed != entries) {
						throw new IllegalStateException("Start-up indexed " + indexed + " of " + entries + " entries");
					}
				}
			}
			return List.of(hit, Measurement.median(label("start-up", entries), Unit.NANOSECONDS, startupNanos));
		}
		finally {
			long deleteStart = System.nanoTime();
			TempFolders.delete(folder);
			System.out.printf(Locale.ROOT, "[scale] deleted %,d entries in %.1f s%n", entries,
					(System.nanoTime() - deleteStart) / 1e9);
		}
	}

	private Measurement hitLatency(TieredCache cache, CachetKey[] keys, int entries) {
		SplittableRandom random = new SplittableRandom(entries);
		for (int i = 0; i < WARMUP_HITS; i++) {
			get(cache, keys, random.nextInt(entries));
		}
		List<Double> nanos = new ArrayList<>(hits);
		for (int i = 0; i < hits; i++) {
			int index = random.nextInt(entries);
			long start = System.nanoTime();
			get(cache, keys, index);
			nanos.add((double) (System.nanoTime() - start));
		}
		return Measurement.median(label("hit", entries), Unit.NANOSECONDS, nanos);
	}

	private static void get(TieredCache cache, CachetKey[] keys, int index) {
		Cache.ValueWrapper hit = cache.get(keys[index]);
		if (hit == null || !("value-" + index).equals(hit.get())) {
			throw new IllegalStateException("Entry " + index + " missing from the disk tier");
		}
	}

}
