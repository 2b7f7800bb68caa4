package dev.cachet.bench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;
import dev.cachet.bench.support.BenchApplications;
import dev.cachet.bench.support.TempFolders;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.sample.AisFileGenerator;
import dev.cachet.sample.AisRepository;

/**
 * The sample app's AIS load ({@link AisRepository#load}, a CSV parse) cold and warm, with each tier
 * alone: median of {@code calls} cold calls (recompute: parse and write) against the median of
 * {@code calls} warm calls (hits).
 */
public final class AisScenario {

	/** Rows in the AIS file, as the sample app generates by default. */
	public static final int ROWS = 100_000;

	private final int calls;

	public AisScenario(int calls) {
		this.calls = calls;
	}

	/** Two measurements per tier: {@code AIS <tier> cold} and {@code AIS <tier> warm}. */
	public List<Measurement> run() throws Exception {
		Path folder = TempFolders.create("cachet-bench-ais");
		try {
			Path csv = AisFileGenerator.ensure(folder.resolve("ais.csv"), ROWS);
			List<Measurement> measurements = new ArrayList<>();
			for (String tier : List.of("memory", "disk", "redis")) {
				measurements.addAll(measure(tier, csv.toString(), folder.resolve("disk-" + tier)));
			}
			return measurements;
		}
		finally {
			TempFolders.delete(folder);
		}
	}

	private List<Measurement> measure(String tier, String csv, Path diskFolder) {
		List<Class<?>> sources = new ArrayList<>(List.of(AisContext.class));
		if (tier.equals("redis")) {
			sources.add(BenchRedisTierConfiguration.class);
		}
		try (ConfigurableApplicationContext context = BenchApplications.run(sources, "cachet.tiers=" + tier,
				"cachet.disk.path=" + diskFolder, "cachet.fingerprint.packages=dev.cachet.sample")) {
			AisRepository repository = context.getBean(AisRepository.class);
			List<String> tiers = context.getBean(TieredCacheManager.class)
				.getCache("ais")
				.getNativeCache()
				.stream()
				.map(TierBinding::name)
				.toList();
			if (!tiers.equals(List.of(tier))) {
				throw new IllegalStateException("The ais cache reads tiers " + tiers + ", not [" + tier + "]");
			}
			List<Double> cold = new ArrayList<>();
			List<Double> warm = new ArrayList<>();
			Cachet recompute = Cachet.with(CallOptions.recompute());
			// one unmeasured call of each kind: class loading and the first JIT compilations are no cache's cost
			time(() -> recompute.call(() -> repository.load(csv)) != null, repository, true);
			time(() -> repository.load(csv) != null, repository, false);
			for (int i = 0; i < calls; i++) {
				cold.add(time(() -> recompute.call(() -> repository.load(csv)) != null, repository, true));
			}
			for (int i = 0; i < calls; i++) {
				warm.add(time(() -> repository.load(csv) != null, repository, false));
			}
			return List.of(Measurement.median("AIS " + tier + " cold", Unit.NANOSECONDS, cold),
					Measurement.median("AIS " + tier + " warm", Unit.NANOSECONDS, warm));
		}
	}

	/** Times one call and checks it was the miss or hit it was meant to be. */
	private static double time(BooleanSupplier call, AisRepository repository, boolean expectComputed) {
		long start = System.nanoTime();
		boolean returned = call.getAsBoolean();
		long nanos = System.nanoTime() - start;
		if (!returned || repository.lastLoadComputed() != expectComputed) {
			throw new IllegalStateException("AIS load was " + (expectComputed ? "served from cache" : "computed")
					+ " where a " + (expectComputed ? "computation" : "hit") + " was expected");
		}
		return nanos;
	}

}
