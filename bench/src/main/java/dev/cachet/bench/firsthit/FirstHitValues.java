package dev.cachet.bench.firsthit;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.Cacheable;

import dev.cachet.sample.AisRepository;
import dev.cachet.sample.FleetSummaries;
import dev.cachet.sample.FleetSummaries.FleetSummary;
import dev.cachet.sample.FleetSummaries.VesselTypeSummary;

/**
 * The sample app's smaller values, each from a cached method of its own: a record holding a list of
 * records ({@link FleetSummary}) and a list of a few records. Counts its computations, so a caller
 * can tell a hit from a computation.
 */
public class FirstHitValues {

	private final AisRepository repository;

	private final AtomicInteger computations = new AtomicInteger();

	public FirstHitValues(AisRepository repository) {
		this.repository = repository;
	}

	/** The fleet summary of an AIS file (the sample app's {@code FleetSummaries}, uncached there). */
	@Cacheable("first-hit-fleet")
	public FleetSummary fleet(String path) {
		computations.incrementAndGet();
		return new FleetSummaries(repository).summarize(path);
	}

	/** The per-type summaries of an AIS file: a list of a few records. */
	@Cacheable("first-hit-types")
	public List<VesselTypeSummary> types(String path) {
		computations.incrementAndGet();
		return new FleetSummaries(repository).summarize(path).byType();
	}

	/** A string, for probes that warm the hit path up with another type first. */
	@Cacheable("first-hit-label")
	public String label(String path) {
		computations.incrementAndGet();
		return "AIS file " + path;
	}

	/** How many times a method of this bean computed its value. */
	public int computations() {
		return computations.get();
	}

}
