package dev.cachet.bench.codec;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A vessel position report: the typical small record a cached method returns by the thousand. */
public record Vessel(long mmsi, int imo, double speedKnots, String name, VesselType type, LocalDate built,
		Instant lastSeen, List<String> callSigns) implements Serializable {

	/** Builds {@code count} vessels from a fixed seed, so every run encodes the same data. */
	public static List<Vessel> sample(int count) {
		SplittableRandom random = new SplittableRandom(42);
		VesselType[] types = VesselType.values();
		List<Vessel> vessels = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			vessels.add(new Vessel(200_000_000L + random.nextInt(600_000_000), 9_000_000 + random.nextInt(999_999),
					random.nextDouble(0, 30), "VESSEL " + Long.toString(random.nextLong(1L << 40), 36).toUpperCase(),
					types[random.nextInt(types.length)], LocalDate.of(1970 + random.nextInt(55), 1 + random.nextInt(12), 1),
					Instant.ofEpochSecond(1_700_000_000L + random.nextInt(50_000_000)),
					List.of("C" + random.nextInt(10_000), "D" + random.nextInt(10_000))));
		}
		return vessels;
	}

}
