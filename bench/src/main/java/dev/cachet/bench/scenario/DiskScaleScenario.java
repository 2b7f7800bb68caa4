package dev.cachet.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.cache.Cache;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;
import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;
import dev.cachet.bench.support.BenchCaches;
import dev.cachet.bench.support.TempFolders;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;

/**
 * How the disk tier's costs grow with its entry count: a hit on a random key through the tiered
 * cache, the start-up index rebuild over a folder of that many entries (from the index snapshot the
 * previous close wrote, and from scratch with the snapshot deleted), and the heap the index holds
 * per entry. Entries are small strings, written in parallel through the tiered cache.
 *
 * <p>Sizes are interleaved (every round visits every size) so that a burst of load on a shared
 * machine spreads over all of them rather than skewing one. The index heap is the used heap after
 * full collections with a tier open over {@code n} entries, minus the same with a tier open over an
 * empty folder (so the tier's fixed costs cancel out), divided by {@code n}.
 *
 * <p>With {@code -Dbench.scale.dir=<folder>} (the {@code bench} profile sets {@code bench/target/scale-entries})
 * the entry folders are kept there and reused by later runs: writing a million files takes about 7 minutes
 * here and deleting them 3 more, a third of the full bench's budget. A folder is reused only if its
 * marker names the same entry count, envelope format and key format as this build would write;
 * otherwise it is written again. Without the property they are temporary and deleted.
 */
public final class DiskScaleScenario {

	private static final int WARMUP_HITS = 5_000;

	private static final int HIT_ROUNDS = 3;

	private static final String COMPLETE_MARKER = "bench-complete";

	private static final int WRITE_BATCH = 50_000;

	/** The disk tier's index snapshot (package-private there): deleted for a start-up from scratch. */
	private static final String INDEX_SNAPSHOT = "index.snapshot";

	private final List<Integer> sizes;

	private final int hits;

	private final int startups;

	public DiskScaleScenario(List<Integer> sizes, int hits, int startups) {
		this.sizes = sizes;
		this.hits = hits;
		this.startups = startups;
	}

	/**
	 * For each size: {@code Disk hit @ n entries}, {@code Disk start-up @ n entries} (from the
	 * snapshot), {@code Disk start-up from scratch @ n entries} and
	 * {@code Disk index heap per entry @ n entries}.
	 */
	public List<Measurement> run() throws Exception {
		String keep = System.getProperty("bench.scale.dir");
		Map<Integer, Path> folders = new LinkedHashMap<>();
		try {
			for (int size : sizes) {
				folders.put(size, prepare(size, keep));
			}
			Map<Integer, List<Double>> startupNanos = samples();
			Map<Integer, List<Double>> startupCpuNanos = samples();
			Map<Integer, List<Double>> scratchNanos = samples();
			Map<Integer, List<Double>> scratchCpuNanos = samples();
			Map<Integer, List<Double>> closeNanos = samples();
			for (int round = 0; round < startups; round++) {
				for (int size : sizes) {
					// each start-up's close writes the snapshot the next one reads
					Files.deleteIfExists(folders.get(size).resolve(INDEX_SNAPSHOT));
					long[] scratch = startup(folders.get(size), size);
					scratchNanos.get(size).add((double) scratch[0]);
					scratchCpuNanos.get(size).add((double) scratch[1]);
					long[] fromSnapshot = startup(folders.get(size), size);
					startupNanos.get(size).add((double) fromSnapshot[0]);
					startupCpuNanos.get(size).add((double) fromSnapshot[1]);
					closeNanos.get(size).add((double) fromSnapshot[2]);
				}
			}
			Map<Integer, List<Double>> hitNanos = samples();
			Map<Integer, List<Double>> rawNanos = samples();
			Map<Integer, Path[]> entryFiles = new LinkedHashMap<>();
			for (int size : sizes) {
				entryFiles.put(size, entryFiles(folders.get(size)));
			}
			for (int round = 0; round < HIT_ROUNDS; round++) {
				for (int size : sizes) {
					hitNanos.get(size).addAll(hitLatency(folders.get(size), size, Math.max(1, hits / HIT_ROUNDS)));
					rawNanos.get(size).addAll(rawReadLatency(entryFiles.get(size), Math.max(1, hits / HIT_ROUNDS)));
				}
			}
			Path empty = TempFolders.create("cachet-bench-empty");
			List<Measurement> measurements = new ArrayList<>();
			try {
				for (int size : sizes) {
					measurements.add(Measurement.median(label("hit", size), Unit.NANOSECONDS, hitNanos.get(size)));
					measurements.add(Measurement.median(label("start-up", size), Unit.NANOSECONDS, startupNanos.get(size)));
					measurements.add(Measurement.median(label("start-up from scratch", size), Unit.NANOSECONDS,
							scratchNanos.get(size)));
					measurements.add(Measurement.single(label("index heap per entry", size), Unit.BYTES,
							indexBytesPerEntry(folders.get(size), empty, size)));
					print("start-up from snapshot", size, startupNanos.get(size), 1e6, "ms");
					print("start-up from snapshot CPU (all threads, JIT and GC included)", size,
							startupCpuNanos.get(size), 1e6, "ms");
					print("start-up from scratch", size, scratchNanos.get(size), 1e6, "ms");
					print("start-up from scratch CPU", size, scratchCpuNanos.get(size), 1e6, "ms");
					print("close, writing the index snapshot", size, closeNanos.get(size), 1e6, "ms");
					print("hit", size, hitNanos.get(size), 1e3, "us");
					print("raw read of a random entry file", size, rawNanos.get(size), 1e3, "us");
				}
			}
			finally {
				TempFolders.delete(empty);
			}
			for (Measurement measurement : measurements) {
				System.out.printf(Locale.ROOT, "[scale] %s: %s (%d samples)%n", measurement.id(),
						measurement.formatted(), measurement.samples());
			}
			int smallest = sizes.get(0);
			for (int size : sizes.subList(1, sizes.size())) {
				System.out.printf(Locale.ROOT, "[scale] hit @ %,d vs @ %,d: %.2fx; raw read: %.2fx (medians)%n", size,
						smallest, median(hitNanos.get(size)) / median(hitNanos.get(smallest)),
						median(rawNanos.get(size)) / median(rawNanos.get(smallest)));
			}
			return measurements;
		}
		finally {
			if (keep == null) {
				for (Path folder : folders.values()) {
					long deleteStart = System.nanoTime();
					TempFolders.delete(folder);
					System.out.printf(Locale.ROOT, "[scale] deleted %s in %.1f s%n", folder,
							(System.nanoTime() - deleteStart) / 1e9);
				}
			}
		}
	}

	public static String label(String what, int entries) {
		return String.format(Locale.ROOT, "Disk %s @ %,d entries", what, entries);
	}

	private Map<Integer, List<Double>> samples() {
		Map<Integer, List<Double>> samples = new LinkedHashMap<>();
		for (int size : sizes) {
			samples.put(size, new ArrayList<>());
		}
		return samples;
	}

	private static DiskTierSettings settings(Path folder) {
		return new DiskTierSettings(folder, Long.MAX_VALUE, Duration.ofHours(1));
	}

	private static CachetKey[] keys(int entries) {
		CachetKeyGenerator keyGenerator = BenchCaches.keyGenerator();
		return IntStream.range(0, entries)
			.parallel()
			.mapToObj(i -> keyGenerator.addresses().addressOf(i))
			.toArray(CachetKey[]::new);
	}

	/** A folder of {@code entries} entries: written now, or kept from an earlier run. */
	private static Path prepare(int entries, String keep) throws IOException {
		Path folder;
		if (keep != null) {
			folder = Path.of(keep, "entries-" + entries);
			Path marker = folder.resolve(COMPLETE_MARKER);
			if (Files.exists(marker) && Files.readString(marker).equals(marker(entries))) {
				System.out.printf(Locale.ROOT, "[scale] reusing %,d entries in %s%n", entries, folder);
				return folder;
			}
			TempFolders.delete(folder);
			Files.createDirectories(folder);
		}
		else {
			folder = TempFolders.create("cachet-bench-scale");
		}
		CachetKey[] keys = keys(entries);
		long writeStart = System.nanoTime();
		// A put lists its shard folder (to replace the key's other files), so writing a million
		// entries into one folder slows down as it fills: write batches into small folders and
		// move their entry files into place.
		for (int from = 0; from < entries; from += WRITE_BATCH) {
			int to = Math.min(entries, from + WRITE_BATCH);
			Path batch = TempFolders.create("cachet-bench-batch");
			try {
				try (DiskTier tier = new DiskTier(settings(batch))) {
					TieredCache cache = BenchCaches.manager("disk", tier).getCache("scale");
					IntStream.range(from, to).parallel().forEach(i -> cache.put(keys[i], "value-" + i));
				}
				moveEntryFiles(batch, folder);
			}
			finally {
				TempFolders.delete(batch);
			}
		}
		Files.writeString(folder.resolve(COMPLETE_MARKER), marker(entries));
		System.out.printf(Locale.ROOT, "[scale] wrote %,d entries in %.1f s%n", entries,
				(System.nanoTime() - writeStart) / 1e9);
		return folder;
	}

	/**
	 * What a folder written by this build holds: the entry count, the envelope format and the address
	 * of the first key (which changes with the key format). A folder from an older format is written again.
	 */
	private static String marker(int entries) {
		return "entries=" + entries + " envelope=" + Envelope.FORMAT_VERSION + " first-key="
				+ BenchCaches.keyGenerator().addresses().addressOf(0).id();
	}

	/** Moves the entry files ({@code <cache folder>/<shard>/<name>.entry}) of one folder into another. */
	private static void moveEntryFiles(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.find(from, 3, (path, attributes) -> attributes.isRegularFile()
				&& path.getFileName().toString().endsWith(".entry") && from.relativize(path).getNameCount() == 3)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.move(file, target);
			}
		}
	}

	/**
	 * Opens a tier over the folder and closes it: the wall-clock and process CPU nanoseconds of the
	 * opening (index rebuild included), and the wall-clock nanoseconds of the closing (which writes
	 * the index snapshot).
	 */
	private static long[] startup(Path folder, int entries) {
		long cpuBefore = processCpuNanos();
		long start = System.nanoTime();
		DiskTier restarted = new DiskTier(settings(folder));
		long nanos = System.nanoTime() - start;
		long cpuNanos = processCpuNanos() - cpuBefore;
		long indexed = restarted.entryCount().orElse(-1);
		long closeStart = System.nanoTime();
		restarted.close();
		long closeNanos = System.nanoTime() - closeStart;
		if (indexed != entries) {
			throw new IllegalStateException("Start-up indexed " + indexed + " of " + entries + " entries");
		}
		return new long[] { nanos, cpuNanos, closeNanos };
	}

	private static List<Double> hitLatency(Path folder, int entries, int hits) {
		CachetKey[] keys = keys(entries);
		try (DiskTier tier = new DiskTier(settings(folder))) {
			TieredCacheManager manager = BenchCaches.manager("disk", tier);
			TieredCache cache = manager.getCache("scale");
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
			return nanos;
		}
	}

	/** The entry files of a folder, in no particular order. */
	private static Path[] entryFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.find(folder, 3,
				(path, attributes) -> path.getFileName().toString().endsWith(".entry"))) {
			return files.toArray(Path[]::new);
		}
	}

	/**
	 * What the file system alone costs: {@code Files.readAllBytes} of a random entry file, no index,
	 * no decoding. How it grows with the entry count is the floor for the hit's growth.
	 */
	private static List<Double> rawReadLatency(Path[] files, int reads) {
		SplittableRandom random = new SplittableRandom(files.length);
		List<Double> nanos = new ArrayList<>(reads);
		try {
			for (int i = 0; i < WARMUP_HITS + reads; i++) {
				Path file = files[random.nextInt(files.length)];
				long start = System.nanoTime();
				Files.readAllBytes(file);
				if (i >= WARMUP_HITS) {
					nanos.add((double) (System.nanoTime() - start));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return nanos;
	}

	/** Retained heap of a tier over {@code entries} entries minus that of a tier over an empty folder, per entry. */
	private static double indexBytesPerEntry(Path folder, Path empty, int entries) {
		long base = usedHeapAfterGc();
		long emptyTier;
		try (DiskTier tier = new DiskTier(settings(empty))) {
			emptyTier = usedHeapAfterGc() - base;
			Reference.reachabilityFence(tier);
		}
		base = usedHeapAfterGc();
		long fullTier;
		try (DiskTier tier = new DiskTier(settings(folder))) {
			fullTier = usedHeapAfterGc() - base;
			Reference.reachabilityFence(tier);
		}
		return (double) (fullTier - emptyTier) / entries;
	}

	/** CPU time of the whole process: on a shared machine, what a start-up costs regardless of the wait for a core. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static double median(List<Double> nanos) {
		double[] sorted = sorted(nanos);
		return sorted[sorted.length / 2];
	}

	private static double[] sorted(List<Double> nanos) {
		double[] sorted = nanos.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return sorted;
	}

	private static void print(String what, int size, List<Double> nanos, double divisor, String unit) {
		double[] sorted = sorted(nanos);
		System.out.printf(Locale.ROOT, "[scale] %s @ %,d: min %.2f, p25 %.2f, median %.2f, p75 %.2f, max %.2f %s%n",
				what, size, sorted[0] / divisor, sorted[sorted.length / 4] / divisor,
				sorted[sorted.length / 2] / divisor, sorted[sorted.length * 3 / 4] / divisor,
				sorted[sorted.length - 1] / divisor, unit);
	}

	private static void get(Cache cache, CachetKey[] keys, int index) {
		Cache.ValueWrapper hit = cache.get(keys[index]);
		if (hit == null || !("value-" + index).equals(hit.get())) {
			throw new IllegalStateException("Entry " + index + " missing from the disk tier");
		}
	}

	/** Runs only this scenario: {@code [sizes, comma-separated] [hits] [start-ups]}. */
	public static void main(String[] args) throws Exception {
		List<Integer> sizes = (args.length > 0) ? Arrays.stream(args[0].split(",")).map(Integer::valueOf).toList()
				: List.of(1_000, 100_000, 1_000_000);
		int hits = (args.length > 1) ? Integer.parseInt(args[1]) : 50_000;
		int startups = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		new DiskScaleScenario(sizes, hits, startups).run();
	}

}
