package dev.cachet.core.envelope;

/**
 * Runs the checksum every envelope read verifies often enough, over lengths like real entries'
 * (short ones and ones of several kilobytes), that the JIT compiles it. Without this, the first
 * read of a large entry after a restart checksums it in the interpreter: about 50 ms for 4 MB,
 * against 1 ms compiled. Costs a few tens of milliseconds of CPU: call it off the start-up thread.
 */
public final class ChecksumWarmUp {

	/** Calls made: past HotSpot's default thresholds for the optimizing compiler, with some margin. */
	static final int CALLS = 2_000;

	/** Every eighth call is this short or shorter, the hash's other branches. */
	static final int SHORT = 240;

	/** The longest call, a few of the hash's 1 KiB blocks and a tail, so its loops are profiled as looping. */
	static final int LONGEST = 7 * 1024 + 60;

	private ChecksumWarmUp() {
	}

	/**
	 * Checksums {@link #CALLS} lengths of a buffer of its own.
	 * @return the hashes combined, so the work cannot be optimized away
	 */
	public static long run() {
		byte[] buffer = new byte[LONGEST];
		for (int i = 0; i < buffer.length; i++) {
			buffer[i] = (byte) (i * 31);
		}
		long combined = 0;
		for (int i = 0; i < CALLS; i++) {
			combined ^= Envelope.checksum(buffer, length(i));
		}
		return combined;
	}

	/** The length of call {@code i}. */
	static int length(int i) {
		return (i % 8 == 7) ? i % (SHORT + 1) : 1024 * (1 + i % 8) + i % 61;
	}

}
