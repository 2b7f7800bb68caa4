package dev.cachet.bench.support;

import java.util.SplittableRandom;

/** Incompressible values of a given size, from a fixed seed so every run stores the same bytes. */
public final class RandomBytes {

	private RandomBytes() {
	}

	public static byte[] of(int size, long seed) {
		byte[] bytes = new byte[size];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return bytes;
	}

}
