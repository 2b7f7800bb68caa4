package dev.cachet.core.tier;

/**
 * How large an entry may be to be read whole into the heap: a quarter of the JVM's maximum heap,
 * leaving room for the decoded value and for the rest of the application. A tier reads an entry
 * above it as a miss rather than throw {@link OutOfMemoryError} at the caller; file results, which
 * stream, are not bound by it.
 */
public final class HeapBudget {

	private HeapBudget() {
	}

	/** The largest entry, in bytes, read whole into the heap. */
	public static long wholeEntryLimit() {
		return Runtime.getRuntime().maxMemory() / 4;
	}

	/** Whether an entry of {@code bytes} may be read whole into the heap. */
	public static boolean fitsWhole(long bytes) {
		return bytes <= wholeEntryLimit();
	}

}
