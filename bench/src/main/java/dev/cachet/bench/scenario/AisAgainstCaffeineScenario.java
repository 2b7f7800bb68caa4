package dev.cachet.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;
import dev.cachet.bench.support.BenchApplications;
import dev.cachet.bench.support.TempFolders;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.sample.AisFileGenerator;
import dev.cachet.sample.AisRepository;

/**
 * The sample app's AIS load (100,000 rows) under Cachet with its tiers {@code memory, disk} and
 * under Boot's {@code CaffeineCacheManager}, round by round, the two sides alternating which goes
 * first: a miss (parse and store), the first hit after it and the median of 1,000 hits after that.
 * Cachet's disk write happens after the miss returns; each round waits for it after the first hit,
 * before the repeated hits (the steady state), and
 * each miss starts after a full GC, so neither side pays for the other's garbage.
 */
public final class AisAgainstCaffeineScenario {

	/** Hits timed after the first one; their median is the repeated hit (warm code, not one cold call). */
	private static final int REPEATED_HITS = 1_000;

	private final int rounds;

	public AisAgainstCaffeineScenario(int rounds) {
		this.rounds = rounds;
	}

	/** Measurements {@code AIS <miss|first hit|hit> <cachet|caffeine>}. */
	public List<Measurement> run() throws Exception {
		Path folder = TempFolders.create("cachet-bench-ais-caffeine");
		try (ConfigurableApplicationContext cachet = BenchApplications.run(List.of(AisContext.class),
				"cachet.tiers=memory,disk", "cachet.disk.path=" + folder.resolve("disk"),
				"cachet.fingerprint.packages=dev.cachet.sample");
				ConfigurableApplicationContext caffeine = BenchApplications.run(List.of(AisCaffeineContext.class),
						"spring.cache.type=caffeine")) {
			String csv = AisFileGenerator.ensure(folder.resolve("ais.csv"), AisScenario.ROWS).toString();
			Side[] sides = { new Side("cachet", cachet), new Side("caffeine", caffeine) };
			for (Side side : sides) {
				side.round(csv); // class loading and the first compilations are no cache's cost
				side.clearTimes();
			}
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < sides.length; i++) {
					sides[(round + i) % sides.length].round(csv);
				}
			}
			List<Measurement> measurements = new ArrayList<>();
			for (Side side : sides) {
				side.times.forEach((kind, values) -> measurements
					.add(Measurement.median("AIS " + kind + " " + side.name, Unit.NANOSECONDS, values)));
			}
			return measurements;
		}
		finally {
			TempFolders.delete(folder);
		}
	}

	/** Runs the scenario alone and prints its medians; the argument is the number of rounds (default 5). */
	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		new AisAgainstCaffeineScenario(rounds).run()
			.forEach(measurement -> System.out.printf("%-24s %14.0f ns (%d samples)%n", measurement.id(),
					measurement.median(), measurement.samples()));
	}

	/** One application and its timings by kind. */
	private static final class Side {

		private final String name;

		private final AisRepository repository;

		private final CacheManager caches;

		private final ConfigurableApplicationContext context;

		private final Map<String, List<Double>> times = new TreeMap<>();

		Side(String name, ConfigurableApplicationContext context) {
			this.name = name;
			this.context = context;
			this.repository = context.getBean(AisRepository.class);
			this.caches = context.getBean(CacheManager.class);
		}

		void round(String csv) throws InterruptedException {
			caches.getCache("ais").clear();
			System.gc();
			record("miss", time(csv, true));
			record("first hit", time(csv, false));
			// repeated hits are the steady state: measured once the miss's deferred disk write has
			// landed, not while it encodes 4 MB on the machine's other core
			TieredCacheManager manager = context.getBeanProvider(TieredCacheManager.class).getIfAvailable();
			if (manager != null && !manager.awaitWrites(Duration.ofMinutes(1))) {
				throw new IllegalStateException("Cachet's disk write did not land within a minute");
			}
			List<Double> hits = new ArrayList<>();
			for (int i = 0; i < REPEATED_HITS; i++) {
				hits.add(time(csv, false));
			}
			record("hit", Measurement.median("hits", Unit.NANOSECONDS, hits).median());
		}

		void clearTimes() {
			times.clear();
		}

		private void record(String kind, double nanos) {
			times.computeIfAbsent(kind, key -> new ArrayList<>()).add(nanos);
		}

		private double time(String csv, boolean expectComputed) {
			long start = System.nanoTime();
			List<?> rows = repository.load(csv);
			long nanos = System.nanoTime() - start;
			if (rows.size() != AisScenario.ROWS || repository.lastLoadComputed() != expectComputed) {
				throw new IllegalStateException(name + ": AIS load was " + (expectComputed ? "served from cache" : "computed")
						+ " where a " + (expectComputed ? "computation" : "hit") + " was expected");
			}
			return nanos;
		}

	}

}
