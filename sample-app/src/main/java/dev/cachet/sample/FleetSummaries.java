package dev.cachet.sample;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;

/**
 * Sums up the fleet of an AIS file per vessel type, with Reactor's {@link Flux}. Its results are
 * cached in the {@code fleet} cache, and its fingerprint includes the Reactor library it calls: a
 * jar that ships without Maven metadata.
 */
@Service
public class FleetSummaries {

	private final AisRepository repository;

	public FleetSummaries(AisRepository repository) {
		this.repository = repository;
	}

	/** The fleet in the AIS file at {@code path}: reports and vessels in all, and per vessel type. */
	@Cacheable("fleet")
	public FleetSummary summarize(String path) {
		List<ShipPosition> positions = repository.load(path);
		List<VesselTypeSummary> byType = Flux.fromIterable(positions)
			.groupBy(ShipPosition::vesselType)
			.flatMap(group -> group.collect(TypeTotals::new, TypeTotals::add)
				.map(totals -> totals.summary(group.key())))
			.sort(Comparator.comparingInt(VesselTypeSummary::vesselType))
			.collectList()
			.block();
		long vessels = Flux.fromIterable(positions).map(ShipPosition::mmsi).distinct().count().block();
		return new FleetSummary(positions.size(), vessels, byType);
	}

	/** Running totals of one vessel type. */
	private static final class TypeTotals {

		private final Set<Long> vessels = new HashSet<>();

		private long reports;

		private double speedSum;

		private double maxLength;

		void add(ShipPosition position) {
			vessels.add(position.mmsi());
			reports++;
			speedSum += position.sog();
			maxLength = Math.max(maxLength, position.length());
		}

		VesselTypeSummary summary(int vesselType) {
			return new VesselTypeSummary(vesselType, vessels.size(), reports, speedSum / reports, maxLength);
		}

	}

	/**
	 * @param reports position reports in the file
	 * @param vessels distinct vessels (MMSI)
	 * @param byType  the same per vessel type, by type code
	 */
	public record FleetSummary(long reports, long vessels, List<VesselTypeSummary> byType) {
	}

	/**
	 * @param vesselType     AIS vessel type code
	 * @param vessels        distinct vessels of this type
	 * @param reports        their position reports
	 * @param meanSpeedKnots mean speed over ground of the reports
	 * @param maxLength      length of the longest vessel, in metres
	 */
	public record VesselTypeSummary(int vesselType, long vessels, long reports, double meanSpeedKnots,
			double maxLength) {
	}

}
