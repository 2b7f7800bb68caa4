package dev.cachet.core.codec;

import java.util.Collection;

/**
 * Turns cached values into bytes and back. Register a bean of this type to replace Cachet's default.
 *
 * <p>A codec must refuse to instantiate classes it was not allowed to (see {@link ClassAllowlist}):
 * cached bytes may come from a shared Redis or S3 and are not trusted.
 */
public interface ValueCodec {

	/**
	 * Short, stable id written into every envelope (for example {@code fory-1}). Change it when the
	 * wire format changes: entries written under another id are misses, never misread.
	 */
	String id();

	/** Encodes a non-null value. */
	byte[] encode(Object value) throws CodecException;

	/** Decodes a value from {@code length} bytes of {@code bytes} starting at {@code offset}. */
	Object decode(byte[] bytes, int offset, int length) throws CodecException;

	/**
	 * Readies this codec for values of {@code types} (as collected by {@link ValueTypes}), so that the
	 * first value of each it decodes does not pay one-time costs such as generating code. Cachet calls
	 * it once, off the start-up thread, with the types its cached methods return. Never throws: a type
	 * that cannot be prepared is skipped. Does nothing by default.
	 */
	default void prepare(Collection<Class<?>> types) {
	}

}
