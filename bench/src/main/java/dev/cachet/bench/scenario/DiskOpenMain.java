package dev.cachet.bench.scenario;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.LoggerFactory;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;

/**
 * One opening of a disk tier in this JVM, which should be fresh: what a service's start-up pays,
 * interpreter and JIT included, unlike the repeated openings of {@link DiskScaleScenario}. Prints
 * one line: wall-clock and process CPU milliseconds of the opening, entries indexed, collections
 * during it, and the wall-clock milliseconds of setting up logging before it. The tier is not
 * closed, so the folder's index snapshot stays as it was for the next run, unless {@code --close}
 * (which writes one): {@code DiskOpenMain <folder> [--close]}.
 *
 * <p>Logging is set up before the clock starts, as an application has it by the time it opens its
 * caches: in a bare JVM, logback's first configuration alone takes most of a second.
 */
public final class DiskOpenMain {

	private DiskOpenMain() {
	}

	public static void main(String[] args) {
		Path folder = Path.of(args[0]);
		long loggingStart = System.nanoTime();
		LoggerFactory.getLogger(DiskOpenMain.class).debug("Opening a disk tier over {}", folder);
		long loggingNanos = System.nanoTime() - loggingStart;
		long collectionsBefore = collections();
		long cpuBefore = processCpuNanos();
		long start = System.nanoTime();
		DiskTier tier = new DiskTier(new DiskTierSettings(folder, Long.MAX_VALUE, Duration.ofHours(1)));
		long nanos = System.nanoTime() - start;
		long cpuNanos = processCpuNanos() - cpuBefore;
		long collections = collections() - collectionsBefore;
		System.out.printf(Locale.ROOT,
				"[open] fresh JVM open of %s: wall %.1f ms, CPU %.1f ms, %d entries, %d GCs (logging set up before: %.1f ms)%n",
				folder, nanos / 1e6, cpuNanos / 1e6, tier.entryCount().orElse(-1), collections, loggingNanos / 1e6);
		if (args.length > 1 && args[1].equals("--close")) {
			tier.close();
		}
		System.exit(0); // without a close, the snapshot the next run reads stays as it is
	}

	private static long collections() {
		long count = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			count += collector.getCollectionCount();
		}
		return count;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
