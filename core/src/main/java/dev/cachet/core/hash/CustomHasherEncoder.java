package dev.cachet.core.hash;

import com.dynatrace.hash4j.hashing.HashValue128;

/**
 * Runs a user {@link ArgumentHasher}: its output is framed by a tag with the hasher's type name and
 * an end tag, so it can never alias a built-in encoding or the values written after it.
 */
final class CustomHasherEncoder implements ValueEncoder {

	private final ArgumentHasher<Object> hasher;

	private final HashValue128 typeName;

	@SuppressWarnings("unchecked")
	CustomHasherEncoder(ArgumentHasher<?> hasher) {
		this.hasher = (ArgumentHasher<Object>) hasher;
		this.typeName = NameHash.of(hasher.type().getName());
	}

	@Override
	public void encode(Object value, StreamingArgumentDigest digest) throws UnsupportedArgumentException {
		digest.enter(value);
		try {
			digest.out(TypeTag.CUSTOM);
			digest.putNameHash(this.typeName);
			this.hasher.hash(value, digest);
			digest.out(TypeTag.END);
		}
		catch (RuntimeException ex) {
			// The exception's message may quote the value, and this message is logged: name its type only.
			UnsupportedArgumentException failure = new UnsupportedArgumentException(value.getClass(),
					"ArgumentHasher " + this.hasher.getClass().getName() + " failed with " + ex.getClass().getName());
			failure.initCause(ex);
			throw failure;
		}
		finally {
			digest.exit();
		}
	}

}
