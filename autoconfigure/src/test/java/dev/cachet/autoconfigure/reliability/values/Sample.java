package dev.cachet.autoconfigure.reliability.values;

import java.util.ArrayList;
import java.util.List;

/**
 * The value the load tests cache: a pure function of its number, a few kilobytes, so a wrong, stale
 * or foreign result is always detectable by recomputing it.
 */
public record Sample(int n, String text, List<Long> numbers) {

	/** About {@code 3 KB}: a few hundred entries overflow a 2 MB file system. */
	public static final int TEXT_LENGTH = 3000;

	/** The value for {@code n}, computed. */
	public static Sample of(int n) {
		StringBuilder text = new StringBuilder(TEXT_LENGTH);
		long state = n * 0x9E3779B97F4A7C15L + 1;
		while (text.length() < TEXT_LENGTH) {
			state = state * 6364136223846793005L + 1442695040888963407L;
			text.append((char) ('a' + (int) ((state >>> 33) % 26)));
		}
		List<Long> numbers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			numbers.add(n * 31L + i);
		}
		return new Sample(n, text.toString(), numbers);
	}

}
