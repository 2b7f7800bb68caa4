package dev.cachet.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultRowTests {

	private static final Measurement CACHET = Measurement.single("cachet", Unit.NANOSECONDS, 130);

	private static final Measurement PEER = Measurement.single("peer", Unit.NANOSECONDS, 100);

	@Test
	void ratioGoalIsMetAtOrBelowItsThreshold() {
		assertThat(new ResultRow("c", CACHET, PEER, Goal.ratioAtMost("<= 1.3x", 1.3)).status()).isEqualTo("met");
		assertThat(new ResultRow("c", CACHET, PEER, Goal.ratioAtMost("<= 1.1x", 1.1)).status()).isEqualTo("missed");
	}

	@Test
	void missingPeerIsNotMeasuredRatherThanMissed() {
		ResultRow row = new ResultRow("c", CACHET, null, Goal.ratioAtMost("<= 1.3x", 1.3));
		assertThat(row.ratio()).isNaN();
		assertThat(row.status()).isEqualTo("not measured");
	}

	@Test
	void valueGoalChecksCachetsOwnFigure() {
		Measurement computations = Measurement.single("computations", Unit.COUNT, 2);
		assertThat(new ResultRow("c", computations, null, Goal.valueAtMost("= 1", 1)).status()).isEqualTo("missed");
	}

	@Test
	void tablePrintsEveryRowWithItsRatio() {
		String table = ResultTable.render(List.of(new ResultRow("disk hit", CACHET, PEER, Goal.NONE)));
		assertThat(table.lines()).hasSize(3);
		assertThat(table).contains("| disk hit ").contains("130.0 ns").contains("100.0 ns").contains("1.30x");
	}

}
