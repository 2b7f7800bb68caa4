package dev.cachet.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MeasurementTests {

	@Test
	void medianOfAnOddCountIsTheMiddleSample() {
		Measurement measurement = Measurement.median("m", Unit.NANOSECONDS, List.of(9.0, 1.0, 5.0));
		assertThat(measurement.median()).isEqualTo(5.0);
		assertThat(measurement.samples()).isEqualTo(3);
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Measurement.median("m", Unit.NANOSECONDS, List.of(4.0, 1.0, 100.0, 2.0)).median()).isEqualTo(3.0);
	}

	@Test
	void noSamplesIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> Measurement.median("m", Unit.COUNT, List.of()));
	}

	@Test
	void timesPrintInTheLargestFittingUnit() {
		assertThat(Unit.NANOSECONDS.format(554.8)).isEqualTo("554.8 ns");
		assertThat(Unit.NANOSECONDS.format(1_610)).isEqualTo("1.61 us");
		assertThat(Unit.NANOSECONDS.format(6_130_000)).isEqualTo("6.13 ms");
		assertThat(Unit.NANOSECONDS.format(2_180_000_000.0)).isEqualTo("2.18 s");
		assertThat(Unit.nanosPer("us/op")).isEqualTo(1_000);
	}

}
