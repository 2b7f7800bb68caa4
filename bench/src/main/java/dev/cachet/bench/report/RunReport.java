package dev.cachet.bench.report;

import java.util.List;

/**
 * What a run writes to {@code bench/results/<date>.json}.
 *
 * @param date            the day of the run (ISO)
 * @param mode            {@code quick} or {@code full}
 * @param machine         where it ran
 * @param loadBefore      load averages when it started (the machine is shared)
 * @param loadAfter       load averages when it ended
 * @param durationSeconds how long the run took
 * @param redis           how the Redis server was provided
 * @param rows            the table
 * @param measurements    every figure measured, including those no row shows
 */
public record RunReport(String date, String mode, Machine machine, String loadBefore, String loadAfter,
		long durationSeconds, String redis, List<Row> rows, List<Measurement> measurements) {

	/**
	 * One table row as JSON.
	 *
	 * @param caseName what is compared
	 * @param cachet   Cachet's figure, {@code null} if not measured
	 * @param peer     the peer's figure, {@code null} if none
	 * @param ratio    Cachet / peer, {@code null} if either is missing
	 * @param goal     the goal text
	 * @param status   met, missed, not measured, or {@code -}
	 */
	public record Row(String caseName, Measurement cachet, Measurement peer, Double ratio, String goal,
			String status) {

		public static Row of(ResultRow row) {
			double ratio = row.ratio();
			return new Row(row.caseName(), row.cachet(), row.peer(), Double.isNaN(ratio) ? null : ratio,
					row.goal().text(), row.status());
		}

	}

}
