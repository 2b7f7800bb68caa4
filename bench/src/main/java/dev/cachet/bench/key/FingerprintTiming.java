package dev.cachet.bench.key;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.fingerprint.MethodFingerprinter;

/**
 * One-off fingerprint time of one cached method, with a fresh {@link MethodFingerprinter} per
 * measurement (no memo): the very first fingerprint of this JVM (cold: class loading, interpreter,
 * what an application pays at start-up), then a few warm-ups, then {@code runs} timed ones.
 * Prints one machine-readable line:
 *
 * <pre>
 * FP target=fifty cold_ms=... median_ms=... min_ms=... max_ms=... n=20 parts=... hash=...
 * </pre>
 *
 * Uses only the API that core had before the fingerprint work ({@code FingerprintSettings},
 * {@code MethodFingerprinter(settings)}, {@code fingerprint(Class, Method)}, {@code hash()}), so
 * the same class runs against the old and the new core jar: see
 * {@code bench/fingerprint-before-after.sh}. One target per process, so each cold figure is a
 * cold JVM's.
 *
 * <p>
 * Usage: {@code FingerprintTiming <fifty|ais|fleet> [warmups=5] [runs=20]}.
 */
public final class FingerprintTiming {

	private FingerprintTiming() {
	}

	/** A cached method and the packages its application declares. */
	private record Target(String name, String className, String methodName, Class<?> parameter, String packageName) {
	}

	private static final List<Target> TARGETS = List.of(
			new Target("fifty", "dev.cachet.bench.key.FiftyStepPipeline", "run", long.class, "dev.cachet.bench.key"),
			new Target("ais", "dev.cachet.sample.AisRepository", "load", String.class, "dev.cachet.sample"),
			new Target("fleet", "dev.cachet.sample.FleetSummaries", "summarize", String.class, "dev.cachet.sample"));

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			throw new IllegalArgumentException("usage: FingerprintTiming <fifty|ais|fleet> [warmups] [runs]");
		}
		Target target = TARGETS.stream()
			.filter(candidate -> candidate.name().equals(args[0]))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown target " + args[0]));
		int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;

		// The user's class is loaded before the clock starts: the application loads it anyway.
		Class<?> userClass = Class.forName(target.className());
		Method method = userClass.getMethod(target.methodName(), target.parameter());
		FingerprintSettings settings = new FingerprintSettings(List.of(target.packageName()), true, "");

		long start = System.nanoTime();
		MethodFingerprint first = new MethodFingerprinter(settings).fingerprint(userClass, method);
		double coldMs = (System.nanoTime() - start) / 1e6;

		for (int i = 0; i < warmups; i++) {
			consume(new MethodFingerprinter(settings).fingerprint(userClass, method));
		}
		List<Double> times = new ArrayList<>(runs);
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			MethodFingerprint fingerprint = new MethodFingerprinter(settings).fingerprint(userClass, method);
			times.add((System.nanoTime() - t0) / 1e6);
			consume(fingerprint);
			if (!fingerprint.hash().equals(first.hash())) {
				throw new IllegalStateException("fingerprint of " + target.name() + " not stable: " + first.hash()
						+ " then " + fingerprint.hash());
			}
		}
		Collections.sort(times);
		System.out.printf(Locale.ROOT, "FP target=%s cold_ms=%.3f median_ms=%.3f min_ms=%.3f max_ms=%.3f n=%d parts=%d hash=%s%n",
				target.name(), coldMs, median(times), times.get(0), times.get(times.size() - 1), runs, parts(first),
				first.hash());
	}

	private static int sink;

	private static void consume(MethodFingerprint fingerprint) {
		sink += fingerprint.hash().hashCode();
	}

	private static double median(List<Double> sorted) {
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/**
	 * The number of entries in the fingerprint's map ({@code reached} before the work,
	 * {@code components} after), read reflectively so one class compiles against the new core and
	 * runs against both.
	 */
	private static int parts(MethodFingerprint fingerprint) throws ReflectiveOperationException {
		for (RecordComponent component : MethodFingerprint.class.getRecordComponents()) {
			if (Map.class.isAssignableFrom(component.getType())) {
				return ((Map<?, ?>) component.getAccessor().invoke(fingerprint)).size();
			}
		}
		return -1;
	}

}
