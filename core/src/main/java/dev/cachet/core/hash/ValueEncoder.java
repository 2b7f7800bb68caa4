package dev.cachet.core.hash;

/** Writes the canonical form of values of one runtime class, type tag first. */
@FunctionalInterface
interface ValueEncoder {

	void encode(Object value, StreamingArgumentDigest digest) throws UnsupportedArgumentException;

	/** An encoder that refuses every value of {@code type}, so the call runs uncached. */
	static ValueEncoder failing(Class<?> type, String reason) {
		return (value, digest) -> {
			throw new UnsupportedArgumentException(type, reason);
		};
	}

}
