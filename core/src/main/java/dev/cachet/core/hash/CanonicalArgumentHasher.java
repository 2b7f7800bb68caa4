package dev.cachet.core.hash;

import java.util.List;
import java.util.Optional;

/**
 * Hashes argument values canonically: typed, length-prefixed, independent of JVM run, identity hash
 * codes and iteration order of unordered collections. Values that differ never share an encoding;
 * equal values hash equally in every JVM.
 *
 * <p>Encoding rules, in the order they are tried for a value's runtime class:
 * <ol>
 * <li>a registered {@link ArgumentHasher} whose {@link ArgumentHasher#type() type} matches, first in
 * list order;
 * <li>fail closed for streams, readers, writers, iterators, channels, sockets, JDBC connections,
 * statements and result sets, servlet requests, threads, executors and futures;
 * <li>{@code null}, boxed primitives, strings, {@code BigInteger}, {@code BigDecimal} (unscaled
 * value and scale: {@code 1.0} differs from {@code 1.00}), {@code UUID}, {@code Class} (by name),
 * {@code Locale}, {@code Currency}, {@code URI}, {@code URL} (external form), {@code Date},
 * {@code File} and {@code Path} (the path, not the content), {@code java.time} values;
 * {@code double} and {@code float} as {@link Double#equals} compares them (all NaNs are one value,
 * {@code -0.0} differs from {@code 0.0});
 * <li>arrays; {@code List} in order; {@code Set} and {@code Map} independent of iteration order;
 * other collections in iteration order; map entries; {@code Optional} and its primitive variants;
 * collection and map classes outside the JDK also by the fields they add;
 * <li>enums by declaring class name and constant name;
 * <li>records by class name and components in declaration order; other application objects by
 * class name and their non-static, non-transient fields (superclasses included), sorted by declaring
 * class then name.
 * </ol>
 * Everything else fails closed with {@link UnsupportedArgumentException}: lambdas and generated
 * classes, other JDK types, non-collection iterables, objects with no fields, cycles, and nesting
 * deeper than 1,000 levels. The hash never uses {@code hashCode()}, {@code toString()} of arbitrary
 * objects or Java serialization.
 */
public class CanonicalArgumentHasher {

	private final EncoderResolver resolver;

	/**
	 * A digest per thread, reused key after key; while it is lent out, nested hashing gets a new one.
	 * Marked rather than removed and put back: one thread-local read per key.
	 */
	private final ThreadLocal<StreamingArgumentDigest> perThread;

	/**
	 * @param customHashers user hashers; they win over the built-in rules for instances of their type
	 */
	public CanonicalArgumentHasher(List<ArgumentHasher<?>> customHashers) {
		this.resolver = new EncoderResolver(customHashers);
		this.perThread = ThreadLocal.withInitial(() -> new StreamingArgumentDigest(this.resolver));
	}

	/** Starts a new digest. Digests are not thread-safe; use one per key. */
	public ArgumentDigest newDigest() {
		return new StreamingArgumentDigest(this.resolver);
	}

	/**
	 * A fresh digest for one key on this thread, reusing the thread's digest when it is free; hand
	 * it back with {@link #release} once the hash is read, and do not use it after that.
	 */
	public ArgumentDigest borrowDigest() {
		StreamingArgumentDigest digest = this.perThread.get();
		if (digest.lent) {
			return newDigest();
		}
		digest.lent = true;
		digest.reset();
		return digest;
	}

	/** Takes back a digest from {@link #borrowDigest()} for the next key of this thread. */
	public void release(ArgumentDigest digest) {
		if (digest instanceof StreamingArgumentDigest streaming) {
			streaming.lent = false;
		}
	}

	/**
	 * Why values of a declared parameter type can never be hashed (a stream, a connection), or empty
	 * when they can or when only the runtime value can tell. Used for start-up warnings.
	 */
	public Optional<String> unsupportedReason(Class<?> declaredType) {
		if (this.resolver.hasCustomHasherFor(declaredType)) {
			return Optional.empty();
		}
		return Optional.ofNullable(UnsupportedTypes.reason(declaredType));
	}

}
