package dev.cachet.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ships?minLength=100}: the ships longer than a length, and whether the load was a cache
 * hit; {@code GET /fleet}: the fleet per vessel type.
 */
@RestController
public class ShipsController {

	private final AisRepository repository;

	private final FleetSummaries fleet;

	private final Path file;

	public ShipsController(AisRepository repository, FleetSummaries fleet, @Value("${ais.data-dir:data}") Path dataDir,
			@Value("${ais.rows:100000}") int rows) throws IOException {
		this.repository = repository;
		this.fleet = fleet;
		this.file = AisFileGenerator.ensure(dataDir.resolve("AIS_2024_01_01_" + rows + ".csv"), rows);
	}

	@GetMapping("/ships")
	public ShipsResponse ships(@RequestParam(defaultValue = "100") double minLength,
			@RequestParam(defaultValue = "20") int limit) {
		long start = System.nanoTime();
		List<ShipPosition> all = repository.load(file.toAbsolutePath().toString());
		double loadMillis = (System.nanoTime() - start) / 1e6;
		boolean hit = !repository.lastLoadComputed();
		List<ShipPosition> longer = all.stream().filter(ship -> ship.length() > minLength).toList();
		return new ShipsResponse(hit, loadMillis, all.size(), longer.size(),
				longer.subList(0, Math.min(Math.max(limit, 0), longer.size())));
	}

	@GetMapping("/fleet")
	public FleetSummaries.FleetSummary fleet() {
		return fleet.summarize(file.toAbsolutePath().toString());
	}

	/**
	 * @param cacheHit   whether the load came from the cache
	 * @param loadMillis how long the load took
	 * @param rows       rows in the file
	 * @param matching   ships longer than {@code minLength}
	 * @param ships      the first {@code limit} of them
	 */
	public record ShipsResponse(boolean cacheHit, double loadMillis, int rows, int matching, List<ShipPosition> ships) {
	}

}
