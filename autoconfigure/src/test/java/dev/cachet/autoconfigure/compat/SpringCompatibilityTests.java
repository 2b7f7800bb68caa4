package dev.cachet.autoconfigure.compat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test: one scenario table run against Spring's {@code ConcurrentMapCacheManager} and
 * against Cachet (memory, disk, memory and disk). Every observation (each step's result and how often
 * each method body ran) must be the same, except where two {@code @Cacheable} methods of one cache
 * meet at equal keys (Spring serves the other method's value, Cachet recomputes) and the few documented
 * divergences the cache contract allows, each pinned on both sides.
 */
class SpringCompatibilityTests {

	@TempDir
	Path disk;

	static Stream<Row> plainRows() {
		return CompatibilityRows.plain().stream();
	}

	static Stream<Row> collisionRows() {
		return CompatibilityRows.collisions().stream();
	}

	static Stream<Row> divergenceRows() {
		return CompatibilityRows.divergences().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("plainRows")
	void cachetObservesWhatSpringObserves(Row row) {
		List<String> spring = CacheSetup.SPRING.observe(row, disk);
		for (CacheSetup cachet : CacheSetup.CACHET) {
			assertThat(cachet.observe(row, disk)).as("%s with %s", row, cachet).isEqualTo(spring);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("collisionRows")
	void springServesTheOtherMethodsValueWhereCachetRecomputes(Row row) {
		observedAsPinned(row);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("divergenceRows")
	void documentedDivergencesAreExactlyThese(Row row) {
		observedAsPinned(row);
	}

	@Test
	void everyRowIsPlainOrPinsTwoDifferentOutcomes() {
		assertThat(CompatibilityRows.plain()).noneMatch(Row::differs);
		assertThat(Stream.concat(collisionRows(), divergenceRows())).allSatisfy(row -> {
			assertThat(row.differs()).isTrue();
			assertThat(row.cachet()).isNotEqualTo(row.spring());
		});
	}

	private void observedAsPinned(Row row) {
		assertThat(CacheSetup.SPRING.observe(row, disk)).as("Spring").isEqualTo(row.spring());
		for (CacheSetup cachet : CacheSetup.CACHET) {
			assertThat(cachet.observe(row, disk)).as("%s", cachet).isEqualTo(row.cachet());
		}
	}

}
