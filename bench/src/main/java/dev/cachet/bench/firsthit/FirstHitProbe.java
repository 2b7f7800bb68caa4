package dev.cachet.bench.firsthit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.bench.scenario.BenchRedisTierConfiguration;
import dev.cachet.bench.support.BenchApplications;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.sample.AisRepository;

/**
 * One JVM of the first-hit scenario. {@code store} computes and stores the three values (under
 * {@code recompute}, so entries an earlier run left behind do not count); {@code probe} times, in a
 * fresh JVM, the first hit of each value, then the median of later hits of the same key, then one
 * recomputation, and prints one {@code FIRSTHIT} line per value.
 *
 * <p>Before the first hit it waits (at most a minute) for the threads Cachet starts once the
 * application is ready (codec preparation, fingerprinting), as an application that has been up a
 * moment would, and reports how long it waited.
 *
 * <p>Usage: {@code FirstHitProbe store|probe <tier> <disk folder> <csv>}; for the {@code redis} tier
 * the system properties of {@code BenchRedis}.
 */
public final class FirstHitProbe {

	/** The names of the threads Cachet's auto-configuration starts once the application is ready. */
	private static final List<String> AFTER_READY_THREADS = List.of("cachet-codec-prepare", "cachet-fingerprint");

	/** Hits before the timed ones, then timed hits. */
	static final int UNTIMED_HITS = 5;

	static final int TIMED_HITS = 9;

	private FirstHitProbe() {
	}

	public static void main(String[] args) throws Exception {
		String phase = args[0];
		String tier = args[1];
		String csv = args[3];
		List<Class<?>> sources = new ArrayList<>(List.of(FirstHitContext.class));
		if (tier.equals("redis")) {
			sources.add(BenchRedisTierConfiguration.class);
		}
		try (ConfigurableApplicationContext context = BenchApplications.run(sources, "cachet.tiers=" + tier,
				"cachet.disk.path=" + args[2], "cachet.fingerprint.packages=dev.cachet.sample,dev.cachet.bench.firsthit")) {
			AisRepository repository = context.getBean(AisRepository.class);
			FirstHitValues values = context.getBean(FirstHitValues.class);
			AtomicInteger aisComputations = new AtomicInteger();
			List<Value> all = List.of(new Value("record", () -> values.fleet(csv), values::computations),
					new Value("records", () -> values.types(csv), values::computations),
					new Value("rows", () -> repository.load(csv), 
							() -> aisComputations.addAndGet(repository.lastLoadComputed() ? 1 : 0)));
			if (phase.equals("store")) {
				// plain calls, not recomputes: a recompute option reaches the nested AIS load too, and
				// overwriting it after the fleet summary was computed from it would retire that summary
				all.forEach(value -> value.call.get());
				values.label(csv);
				awaitWrites(context);
				return;
			}
			if (Boolean.getBoolean("firsthit.prehit")) {
				values.label(csv); // diagnosis: the hit path warmed up by a hit of another type
			}
			double waitedMillis = awaitPreparation();
			List<double[]> hits = new ArrayList<>();
			for (Value value : all) {
				try {
					hits.add(value.hits());
				}
				catch (IllegalStateException ex) {
					throw new IllegalStateException(ex.getMessage() + "; " + rejections(context), ex);
				}
			}
			// recomputed only once every value's hits were timed: recomputing the fleet summary also
			// recomputes the AIS load it reads, which retires the entries computed from the old one
			for (int i = 0; i < all.size(); i++) {
				System.out.println(all.get(i).line(tier, hits.get(i), waitedMillis));
			}
			// each recomputation of the AIS load retired what was computed from the one before: computed
			// again from the last one, so that the next JVM finds every value stored
			all.forEach(value -> value.call.get());
			awaitWrites(context);
		}
	}

	/** Waits for the deferred writes of this JVM's computations to land in the tiers. */
	private static void awaitWrites(ConfigurableApplicationContext context) throws InterruptedException {
		if (!context.getBean(TieredCacheManager.class).awaitWrites(java.time.Duration.ofMinutes(1))) {
			throw new IllegalStateException("Writes did not land within a minute");
		}
	}

	/** Why the caches' entries were not served, for a probe that expected a hit. */
	private static String rejections(ConfigurableApplicationContext context) {
		TieredCacheManager manager = context.getBean(TieredCacheManager.class);
		StringBuilder reasons = new StringBuilder("entries rejected:");
		for (String name : manager.getCacheNames()) {
			for (MissReason reason : MissReason.values()) {
				long count = manager.getCache(name).statistics().rejected(reason);
				if (count > 0) {
					reasons.append(' ').append(name).append(' ').append(reason).append('=').append(count);
				}
			}
		}
		return reasons.toString();
	}

	private static double awaitPreparation() throws InterruptedException {
		long start = System.nanoTime();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (AFTER_READY_THREADS.contains(thread.getName())) {
				thread.join(60_000);
			}
		}
		return (System.nanoTime() - start) / 1e6;
	}

	/** One cached value: how to get it, and a counter of its computations. */
	private record Value(String name, Supplier<Object> call, Computations computations) {

		/** The first hit and the median warm hit, in nanoseconds. */
		double[] hits() {
			int before = computations.count();
			double first = time(() -> call.get() != null);
			check(before, "first hit");
			double[] warm = new double[TIMED_HITS];
			for (int i = 0; i < UNTIMED_HITS + TIMED_HITS; i++) {
				double nanos = time(() -> call.get() != null);
				if (i >= UNTIMED_HITS) {
					warm[i - UNTIMED_HITS] = nanos;
				}
			}
			check(before, "warm hits");
			Arrays.sort(warm);
			return new double[] { first, warm[TIMED_HITS / 2] };
		}

		/** The probe's line: the hits measured, and a recomputation timed now. */
		String line(String tier, double[] hits, double waitedMillis) {
			Cachet recompute = Cachet.with(CallOptions.recompute());
			double recomputed = time(() -> recompute.call(call) != null);
			return String.format(Locale.ROOT,
					"FIRSTHIT tier=%s value=%s first_ns=%.0f warm_ns=%.0f recompute_ns=%.0f prepare_wait_ms=%.1f", tier,
					name, hits[0], hits[1], recomputed, waitedMillis);
		}

		private void check(int before, String what) {
			if (computations.count() != before) {
				throw new IllegalStateException("The " + what + " of " + name + " computed it: no entry was served");
			}
		}

		private static double time(BooleanSupplier call) {
			long start = System.nanoTime();
			if (!call.getAsBoolean()) {
				throw new IllegalStateException("No value");
			}
			return System.nanoTime() - start;
		}

	}

	/** Computations so far of one value (for the AIS loader, counted from its flag each time it is asked). */
	@FunctionalInterface
	private interface Computations {

		int count();

	}

}
