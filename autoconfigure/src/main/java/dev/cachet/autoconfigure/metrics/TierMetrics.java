package dev.cachet.autoconfigure.metrics;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.core.tier.TierInspection;

/**
 * Meters of each tier, tagged {@code tier} (its name) and {@code type}: {@code cachet.tier.latency}
 * (a timer fed by every read and write), {@code cachet.tier.gets{result}}, {@code cachet.tier.puts},
 * {@code cachet.tier.errors}, {@code cachet.tier.state{state}} (1 for the current state, 0 for the
 * others) and, where the tier knows them, {@code cachet.tier.entries} and {@code cachet.tier.size}.
 */
class TierMetrics implements MeterBinder {

	private final Collection<TierBinding> tiers;

	private final boolean latencyHistogram;

	/** @param latencyHistogram whether the latency timer publishes a percentile histogram */
	TierMetrics(Collection<TierBinding> tiers, boolean latencyHistogram) {
		this.tiers = List.copyOf(tiers);
		this.latencyHistogram = latencyHistogram;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		tiers.forEach(binding -> bind(binding, registry));
	}

	private void bind(TierBinding binding, MeterRegistry registry) {
		Tags tags = Tags.of("tier", binding.name(), "type", binding.tier().type());
		Timer latency = Timer.builder("cachet.tier.latency")
			.tags(tags)
			.description("Time of each read and write of the tier")
			.publishPercentileHistogram(latencyHistogram)
			.register(registry);
		binding.statistics().onLatency(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
		FunctionCounter.builder("cachet.tier.gets", binding, b -> b.statistics().hits())
			.tags(tags)
			.tag("result", "hit")
			.description("Reads of the tier that found a fresh entry")
			.register(registry);
		FunctionCounter.builder("cachet.tier.gets", binding, b -> b.statistics().misses())
			.tags(tags)
			.tag("result", "miss")
			.description("Reads of the tier that found no fresh, decodable entry")
			.register(registry);
		FunctionCounter.builder("cachet.tier.puts", binding, b -> b.statistics().puts())
			.tags(tags)
			.description("Entries written to the tier")
			.register(registry);
		FunctionCounter.builder("cachet.tier.errors", binding, b -> b.statistics().errors())
			.tags(tags)
			.description("Failed calls and undecodable entries, each served as a miss")
			.register(registry);
		FunctionCounter.builder("cachet.tier.writes.dropped", binding, b -> b.statistics().dropped())
			.tags(tags)
			.description("Writes dropped because the tier's write-behind queue was full")
			.register(registry);
		for (TierHealth.State state : TierHealth.State.values()) {
			Gauge.builder("cachet.tier.state", binding, b -> (b.tier().health().state() == state) ? 1 : 0)
				.tags(tags)
				.tag("state", state.name().toLowerCase())
				.description("1 when the tier is in this state (up, down, circuit_open), else 0")
				.register(registry);
		}
		TierInspection inspection = binding.tier().inspection().orElse(null);
		if (inspection != null && inspection.entryCount().isPresent()) {
			Gauge.builder("cachet.tier.entries", inspection, i -> i.entryCount().orElse(0))
				.tags(tags)
				.description("Entries held by the tier, across caches")
				.register(registry);
		}
		if (inspection != null && inspection.sizeInBytes().isPresent()) {
			Gauge.builder("cachet.tier.size", inspection, i -> i.sizeInBytes().orElse(0))
				.tags(tags)
				.baseUnit("bytes")
				.description("Bytes held by the tier, across caches")
				.register(registry);
		}
	}

}
