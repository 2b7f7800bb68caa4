package dev.cachet.bench.report;

/**
 * One line of the table: Cachet beside its peer in the same run.
 *
 * @param caseName what is compared
 * @param cachet   Cachet's figure, {@code null} if it was not measured (a failed benchmark)
 * @param peer     the peer's figure, {@code null} if there is none or it was not measured
 * @param goal     the goal of this row
 */
public record ResultRow(String caseName, Measurement cachet, Measurement peer, Goal goal) {

	/** Cachet's median divided by the peer's, or {@code NaN} when either is missing. */
	public double ratio() {
		if (cachet == null || peer == null || peer.median() == 0) {
			return Double.NaN;
		}
		return cachet.median() / peer.median();
	}

	/** {@code met}, {@code missed}, {@code not measured}, or {@code -} for rows without a goal. */
	public String status() {
		return switch (goal.check()) {
			case NONE -> "-";
			case RATIO -> Double.isNaN(ratio()) ? "not measured" : (ratio() <= goal.threshold()) ? "met" : "missed";
			case VALUE -> (cachet == null) ? "not measured" : (cachet.median() <= goal.threshold()) ? "met" : "missed";
		};
	}

}
