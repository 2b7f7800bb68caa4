package dev.cachet.core.memory;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cachet.core.cache.EntrySerializer;
import dev.cachet.core.cache.JavaSerializationCodec;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.method.CachedMethods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The memory tier's bound is the memory it really holds: after its entries have been read (so each
 * keeps its decoded value), the weight it reports is within 25 % of the heap a full GC finds they
 * retain.
 */
class MemoryTierWeightTests {

	record Row(String name, long id, double speed, List<Integer> tags) implements Serializable {
	}

	@Test
	void theWeightIsWithinAQuarterOfTheHeapTheEntriesRetain() throws Exception {
		MemoryTier memory = new MemoryTier(1L << 30, false, Runnable::run);
		TieredCache cache = TieredCacheManager
			.builder(new EntrySerializer(new JavaSerializationCodec()),
					new CachetKeyGenerator(
							new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(), true, ""))),
							new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of())))
			.tier("memory", memory, null)
			.defaultTiers(List.of("memory"))
			.build()
			.getCache("rows");
		for (int i = 0; i < 8; i++) {
			cache.put(CachetKey.of("rows-" + i), (i % 2 == 0) ? rows(i) : byName(rows(i)));
		}
		for (int i = 0; i < 8; i++) {
			assertThat(cache.get(CachetKey.of("rows-" + i))).isNotNull();
		}
		long weight = memory.sizeInBytes().getAsLong();

		long withEntries = usedAfterGc();
		memory.clearAll();
		long withoutEntries = usedAfterGc();
		long retained = withEntries - withoutEntries;

		System.out.printf("memory tier: weight %d B, retained %d B (%.2fx)%n", weight, retained,
				(double) weight / retained);
		assertThat(retained).as("the entries hold real memory").isGreaterThan(20L << 20);
		assertThat(weight).isCloseTo(retained, withinPercentage(25));
	}

	private static List<Row> rows(int seed) {
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			rows.add(new Row("vessel-" + seed + "-" + i, i * 31L + seed, i * 0.5, List.of(i % 7, i % 11, seed)));
		}
		return rows;
	}

	private static Map<String, Row> byName(List<Row> rows) {
		Map<String, Row> map = new HashMap<>();
		rows.forEach((row) -> map.put(row.name(), row));
		return map;
	}

	private static long usedAfterGc() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
