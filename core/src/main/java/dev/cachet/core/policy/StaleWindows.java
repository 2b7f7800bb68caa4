package dev.cachet.core.policy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The two stale windows as one layer states them ({@code null} where it is silent). Both are measured
 * past the max-age in force: "stale" only ever means older than the max-age, so an entry whose
 * producer's code or address changed is never served, whatever the windows say. Zero turns a window
 * off (also over a lower layer's value).
 *
 * @param whileRevalidate an entry this far past its max-age is served at once while one background
 *                        recomputation refreshes it
 * @param ifError         an entry this far past its max-age is served when the recomputation throws
 */
public record StaleWindows(@Nullable Duration whileRevalidate, @Nullable Duration ifError) {

	/** A layer that states neither window. */
	public static final StaleWindows NONE = new StaleWindows(null, null);

	public StaleWindows {
		requireNotNegative(whileRevalidate, "stale-while-revalidate");
		requireNotNegative(ifError, "stale-if-error");
	}

	private static void requireNotNegative(@Nullable Duration window, String name) {
		if (window != null && window.isNegative()) {
			throw new IllegalArgumentException("The " + name + " window must not be negative: " + window);
		}
	}

}
