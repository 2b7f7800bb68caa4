package dev.cachet.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * One measured figure: the median of its samples.
 *
 * @param id      what was measured, such as {@code DiskHitBenchmark.cachet[size=1024]}
 * @param median  the median of the samples, in {@code unit}
 * @param unit    what the figure counts
 * @param samples how many samples the median is taken from
 */
public record Measurement(String id, double median, Unit unit, int samples) {

	/** The median of {@code values} (the mean of the middle two for an even count). */
	public static Measurement median(String id, Unit unit, List<Double> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No samples for " + id);
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		return new Measurement(id, median, unit, sorted.length);
	}

	/** A single figure (a count, a size). */
	public static Measurement single(String id, Unit unit, double value) {
		return new Measurement(id, value, unit, 1);
	}

	public String formatted() {
		return unit.format(median);
	}

}
