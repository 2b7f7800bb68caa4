package dev.cachet.core.hash;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * Streams the canonical encoding of values into an XXH3-128 hash. Every value starts with a
 * {@link TypeTag}; variable-length data carries its length first, so the encoding of a sequence of
 * values is prefix-free and two different sequences never produce the same bytes.
 *
 * <p>Floating-point values follow {@link Double#equals}: every NaN is one value, and {@code -0.0}
 * differs from {@code 0.0} (a method may return different results for them, {@code 1 / x}).
 *
 * <p>Not thread-safe: one digest per key.
 */
final class StreamingArgumentDigest implements ArgumentDigest {

	/** Containers nested deeper than this fail closed rather than being truncated. */
	static final int MAX_DEPTH = 1000;

	private static final Object[] NO_PATH = {};

	private static final HashStream128[] NO_ELEMENT_STREAMS = {};

	private static final Comparator<HashValue128> HASH_ORDER = Comparator
		.comparingLong(HashValue128::getMostSignificantBits)
		.thenComparingLong(HashValue128::getLeastSignificantBits);

	private final EncoderResolver resolver;

	/** Where writes go: the digest's own stream, or an element stream while hashing a set element. */
	private HashStream128 stream;

	/**
	 * Containers on the path from the argument to the value being encoded, to detect cycles. Grown
	 * on demand, so keys made of scalars allocate nothing beyond the hash stream.
	 */
	private Object[] path = NO_PATH;

	private int depth;

	/** One reusable stream per level of nested unordered collections, grown on demand. */
	private HashStream128[] elementStreams = NO_ELEMENT_STREAMS;

	private int unorderedLevel;

	/** The digest's own stream, kept for {@link #reset()}. */
	private final HashStream128 own;

	/** Whether the digest is lent out by {@link CanonicalArgumentHasher#borrowDigest()}. */
	boolean lent;

	StreamingArgumentDigest(EncoderResolver resolver) {
		this.resolver = resolver;
		this.own = Hashing.xxh3_128().hashStream();
		this.stream = this.own;
		this.stream.putByte(TypeTag.FORMAT_VERSION);
	}

	/** Makes this digest as new, so one can hash many keys without allocating a stream for each. */
	void reset() {
		this.stream = this.own.reset();
		this.stream.putByte(TypeTag.FORMAT_VERSION);
		Arrays.fill(this.path, 0, this.depth, null);
		this.depth = 0;
		this.unorderedLevel = 0;
	}

	@Override
	public ArgumentSink putBoolean(boolean value) {
		out(TypeTag.BOOLEAN).putBoolean(value);
		return this;
	}

	@Override
	public ArgumentSink putInt(int value) {
		out(TypeTag.INT).putInt(value);
		return this;
	}

	@Override
	public ArgumentSink putLong(long value) {
		out(TypeTag.LONG).putLong(value);
		return this;
	}

	@Override
	public ArgumentSink putDouble(double value) {
		// doubleToLongBits folds every NaN into one and keeps -0.0 apart from 0.0, as Double.equals
		out(TypeTag.DOUBLE).putLong(Double.doubleToLongBits(value));
		return this;
	}

	@Override
	public ArgumentSink putString(CharSequence value) {
		if (value == null) {
			out(TypeTag.NULL);
		}
		else {
			out(TypeTag.STRING);
			putText(value);
		}
		return this;
	}

	@Override
	public ArgumentSink putBytes(byte[] value) {
		if (value == null) {
			out(TypeTag.NULL);
		}
		else {
			out(TypeTag.BYTE_ARRAY).putInt(value.length).putBytes(value);
		}
		return this;
	}

	@Override
	public ArgumentSink putValue(Object value) throws UnsupportedArgumentException {
		if (value == null) {
			out(TypeTag.NULL);
		}
		else {
			this.resolver.encoderFor(value.getClass()).encode(value, this);
		}
		return this;
	}

	@Override
	public HashValue128 finish() {
		return this.stream.get();
	}

	void putByte(byte value) {
		out(TypeTag.BYTE).putByte(value);
	}

	void putShort(short value) {
		out(TypeTag.SHORT).putShort(value);
	}

	void putChar(char value) {
		out(TypeTag.CHAR).putChar(value);
	}

	void putFloat(float value) {
		out(TypeTag.FLOAT).putInt(Float.floatToIntBits(value));
	}

	/** Writes {@code tag} and returns the stream for the value's payload. */
	HashStream128 out(byte tag) {
		return this.stream.putByte(tag);
	}

	/** Writes text without a tag: length, then UTF-16 code units. */
	void putText(CharSequence text) {
		this.stream.putInt(text.length()).putChars(text);
	}

	/** Writes a precomputed name hash without a tag. */
	void putNameHash(HashValue128 hash) {
		this.stream.putLong(hash.getMostSignificantBits()).putLong(hash.getLeastSignificantBits());
	}

	/**
	 * Marks {@code container} as being encoded; call {@link #exit()} in a {@code finally}.
	 * @throws UnsupportedArgumentException on a cycle or nesting deeper than {@link #MAX_DEPTH}
	 */
	void enter(Object container) throws UnsupportedArgumentException {
		if (this.depth == MAX_DEPTH) {
			throw new UnsupportedArgumentException(container.getClass(),
					"values nested deeper than " + MAX_DEPTH + " levels");
		}
		for (int i = 0; i < this.depth; i++) {
			if (this.path[i] == container) {
				throw new UnsupportedArgumentException(container.getClass(), "the value contains itself (a cycle)");
			}
		}
		if (this.depth == this.path.length) {
			this.path = Arrays.copyOf(this.path, Math.max(8, this.depth * 2));
		}
		this.path[this.depth++] = container;
	}

	void exit() {
		this.path[--this.depth] = null;
	}

	/**
	 * Writes {@code tag}, the element count and the elements' separate hashes in sorted order, so
	 * the result does not depend on iteration order.
	 */
	void putUnordered(byte tag, Object container, Collection<?> elements) throws UnsupportedArgumentException {
		enter(container);
		try {
			HashValue128[] hashes = new HashValue128[elements.size()];
			int count = 0;
			for (Object element : elements) {
				if (count == hashes.length) {
					throw modifiedWhileHashing(container);
				}
				hashes[count++] = hashSeparately(element);
			}
			if (count != hashes.length) {
				throw modifiedWhileHashing(container);
			}
			Arrays.sort(hashes, HASH_ORDER);
			HashStream128 out = out(tag).putInt(count);
			for (HashValue128 hash : hashes) {
				out.putLong(hash.getMostSignificantBits()).putLong(hash.getLeastSignificantBits());
			}
		}
		finally {
			exit();
		}
	}

	/** Writes {@code tag}, the element count and the elements in iteration order. */
	void putOrdered(byte tag, Object container, Collection<?> elements) throws UnsupportedArgumentException {
		enter(container);
		try {
			int size = elements.size();
			out(tag).putInt(size);
			int count = 0;
			for (Object element : elements) {
				if (++count > size) {
					throw modifiedWhileHashing(container);
				}
				putValue(element);
			}
			if (count != size) {
				throw modifiedWhileHashing(container);
			}
		}
		finally {
			exit();
		}
	}

	private HashValue128 hashSeparately(Object element) throws UnsupportedArgumentException {
		HashStream128 outer = this.stream;
		this.stream = elementStream(this.unorderedLevel++);
		try {
			putValue(element);
			return this.stream.get();
		}
		finally {
			this.unorderedLevel--;
			this.stream = outer;
		}
	}

	private HashStream128 elementStream(int level) {
		if (level == this.elementStreams.length) {
			this.elementStreams = Arrays.copyOf(this.elementStreams, Math.max(2, level * 2));
		}
		HashStream128 elementStream = this.elementStreams[level];
		if (elementStream == null) {
			elementStream = Hashing.xxh3_128().hashStream();
			this.elementStreams[level] = elementStream;
		}
		return elementStream.reset();
	}

	private static UnsupportedArgumentException modifiedWhileHashing(Object container) {
		return new UnsupportedArgumentException(container.getClass(), "the collection changed while it was hashed");
	}

}
