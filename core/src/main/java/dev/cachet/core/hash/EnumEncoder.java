package dev.cachet.core.hash;

import com.dynatrace.hash4j.hashing.HashValue128;

/**
 * Encodes enum constants by declaring class name and constant name, never by ordinal or identity
 * hash, so reordering constants or a new JVM run keeps the key. The name pairs are hashed once per
 * enum type.
 */
final class EnumEncoder implements ValueEncoder {

	static final EnumEncoder INSTANCE = new EnumEncoder();

	/** Per enum type, the name hash of each constant, indexed by ordinal (an index, never written). */
	private static final ClassValue<HashValue128[]> CONSTANT_HASHES = new ClassValue<>() {

		@Override
		protected HashValue128[] computeValue(Class<?> type) {
			Object[] constants = type.getEnumConstants();
			HashValue128[] hashes = new HashValue128[constants.length];
			for (Object constant : constants) {
				Enum<?> element = (Enum<?>) constant;
				hashes[element.ordinal()] = NameHash.of(type.getName(), element.name());
			}
			return hashes;
		}

	};

	private EnumEncoder() {
	}

	@Override
	public void encode(Object value, StreamingArgumentDigest digest) {
		Enum<?> constant = (Enum<?>) value;
		digest.out(TypeTag.ENUM);
		digest.putNameHash(CONSTANT_HASHES.get(constant.getDeclaringClass())[constant.ordinal()]);
	}

}
