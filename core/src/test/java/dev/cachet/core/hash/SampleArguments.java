package dev.cachet.core.hash;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.dynatrace.hash4j.hashing.HashValue128;

/**
 * A fixed list of argument values whose iteration order or identity hash codes change between JVM
 * runs, shared by the test JVM and the second JVM started by {@link CrossJvmHashTests}.
 */
final class SampleArguments {

	private SampleArguments() {
	}

	enum Status {

		ACTIVE, DOCKED, LOST

	}

	record Point(int x, int y) {
	}

	record Voyage(String id, List<Point> route, Map<String, Integer> portCalls, Set<Status> history) {
	}

	static class Asset {

		private final String owner;

		Asset(String owner) {
			this.owner = owner;
		}

	}

	static class Vessel extends Asset {

		private final String name;

		private final double tonnage;

		private final Status status;

		private transient int cachedHash;

		Vessel(String owner, String name, double tonnage, Status status) {
			super(owner);
			this.name = name;
			this.tonnage = tonnage;
			this.status = status;
		}

		void cacheHash(int hash) {
			this.cachedHash = hash;
		}

	}

	static List<Object> values() {
		Map<String, Integer> manyEntries = new HashMap<>();
		for (int i = 0; i < 2_000; i++) {
			manyEntries.put("key-" + i, i * 31);
		}
		// enum keys hash by identity: their HashMap order differs between runs
		Map<Status, List<Point>> byStatus = new HashMap<>();
		byStatus.put(Status.LOST, List.of(new Point(0, 0)));
		byStatus.put(Status.ACTIVE, List.of(new Point(1, 2), new Point(3, 4)));
		byStatus.put(Status.DOCKED, List.of());
		Set<Object> objects = new HashSet<>(List.of(new Point(5, 6), Status.DOCKED, "text", 7L, 0));
		List<Object> values = new ArrayList<>();
		values.add(new Point(1, 2));
		values.add(new Voyage("V-1", List.of(new Point(1, 1), new Point(2, 3)), Map.of("Oslo", 2, "Rotterdam", 1),
				Set.of(Status.ACTIVE, Status.DOCKED)));
		values.add(manyEntries);
		values.add(byStatus);
		values.add(objects);
		values.add(Set.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"));
		values.add(Map.of("a", 1, "b", 2, "c", 3, "d", 4, "e", 5, "f", 6, "g", 7, "h", 8, "i", 9, "j", 10));
		values.add(Set.of(Status.values()));
		values.add(Status.LOST);
		values.add(DayOfWeek.FRIDAY);
		values.add(List.of(List.of(1, 2), Set.of(3L, 4L), Map.of("k", List.of()), new TreeMap<>(Map.of(1.5, "x"))));
		values.add(Instant.ofEpochSecond(1_767_225_600L, 123_456_789));
		values.add(LocalDate.of(2026, 11, 3));
		values.add(LocalTime.of(23, 59, 58, 1));
		values.add(LocalDateTime.of(2026, 2, 28, 12, 0));
		values.add(OffsetDateTime.of(2026, 2, 28, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
		values.add(ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, ZoneId.of("Europe/Oslo")));
		values.add(Duration.ofMillis(1_500));
		values.add(Period.of(1, 2, 3));
		values.add(new BigDecimal("12.340"));
		values.add(new BigInteger("123456789012345678901234567890"));
		values.add(UUID.fromString("6f1c0e6a-3b1d-4c7e-9a51-0d2f3e4b5c6d"));
		values.add(new Vessel("Acme", "Nordlys", 2_345.5, Status.DOCKED));
		values.add(Optional.of(Locale.forLanguageTag("nb-NO")));
		values.add(new double[] { Double.NaN, -0.0, 1e300 });
		values.add(Path.of("data", "ships.csv"));
		values.add(String.class);
		return values;
	}

	static HashValue128 hash(Object value) throws UnsupportedArgumentException {
		ArgumentDigest digest = new CanonicalArgumentHasher(List.of()).newDigest();
		digest.putValue(value);
		return digest.finish();
	}

	static String enumIdentityHashes() {
		StringBuilder hashes = new StringBuilder("identity hash codes:");
		for (Status status : Status.values()) {
			hashes.append(' ').append(System.identityHashCode(status));
		}
		return hashes.toString();
	}

	static String hex(HashValue128 hash) {
		return String.format("%016x%016x", hash.getMostSignificantBits(), hash.getLeastSignificantBits());
	}

}
