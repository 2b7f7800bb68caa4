package dev.cachet.bench.report;

/**
 * What a result row must show to meet its goal.
 *
 * @param text      the goal as the table prints it
 * @param check     whether the ratio (Cachet / peer) or Cachet's own figure is checked
 * @param threshold the largest value that meets the goal
 */
public record Goal(String text, Check check, double threshold) {

	/** A row that reports a figure and has no goal. */
	public static final Goal NONE = new Goal("-", Check.NONE, 0);

	/** Cachet's figure divided by the peer's must be at most {@code maxRatio}. */
	public static Goal ratioAtMost(String text, double maxRatio) {
		return new Goal(text, Check.RATIO, maxRatio);
	}

	/** Cachet's own figure must be at most {@code max}. */
	public static Goal valueAtMost(String text, double max) {
		return new Goal(text, Check.VALUE, max);
	}

	/** Which figure a goal checks. */
	public enum Check {

		NONE, RATIO, VALUE

	}

}
