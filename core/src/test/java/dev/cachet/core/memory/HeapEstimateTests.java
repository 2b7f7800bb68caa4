package dev.cachet.core.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Large containers are weighed from a sample of their elements: the figure must agree with weighing
 * every element, and an object all elements share must count once, not once per element.
 */
class HeapEstimateTests {

	record Row(String name, long id, List<Integer> tags, byte[] shared) {
	}

	private static List<Row> rows(int from, int count, byte[] shared) {
		List<Row> rows = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			rows.add(new Row("vessel-" + i, i, List.of(i % 7, i % 11), shared));
		}
		return rows;
	}

	@Test
	void aSampledListWeighsWhatItsPartsWeighedInFull() {
		byte[] shared = new byte[16];
		long parts = 0;
		for (int part = 0; part < 8; part++) {
			parts += HeapEstimate.of(rows(part * 1000, 1000, shared)); // at most 1,024 elements: walked in full
		}
		long sampled = HeapEstimate.of(rows(0, 8000, shared));

		assertThat((double) sampled).isCloseTo(parts, within(parts * 0.05));
	}

	@Test
	void anObjectEveryElementSharesCountsOnce() {
		byte[] table = new byte[1 << 20];
		long withoutTable = HeapEstimate.of(rows(0, 50_000, new byte[0]));
		long withTable = HeapEstimate.of(rows(0, 50_000, table));

		assertThat(withTable - withoutTable).isBetween((long) table.length, 2L * table.length);
	}

	@Test
	void aSampledMapWeighsItsKeysAndValues() {
		Map<String, Row> small = new HashMap<>();
		Map<String, Row> large = new HashMap<>();
		rows(0, 1000, new byte[0]).forEach(row -> small.put(row.name(), row));
		rows(0, 8000, new byte[0]).forEach(row -> large.put(row.name(), row));

		assertThat((double) HeapEstimate.of(large)).isCloseTo(8.0 * HeapEstimate.of(small),
				within(8.0 * HeapEstimate.of(small) * 0.1));
	}

}
