package dev.cachet.core.hash;

/**
 * Receives the canonical form of a value while it is hashed. Each call writes a type tag and, for
 * variable-length data, a length, so different sequences of calls never produce the same stream.
 */
public interface ArgumentSink {

	ArgumentSink putBoolean(boolean value);

	ArgumentSink putInt(int value);

	ArgumentSink putLong(long value);

	/**
	 * Doubles are canonical as {@link Double#equals} compares them: every NaN is one NaN, and
	 * {@code -0.0} differs from {@code 0.0} (a method may answer differently for them).
	 */
	ArgumentSink putDouble(double value);

	ArgumentSink putString(CharSequence value);

	ArgumentSink putBytes(byte[] value);

	/**
	 * Hashes any value Cachet can encode canonically (nested collections, records, other types with
	 * an {@link ArgumentHasher}).
	 * @throws UnsupportedArgumentException if the value cannot be encoded canonically
	 */
	ArgumentSink putValue(Object value) throws UnsupportedArgumentException;

}
