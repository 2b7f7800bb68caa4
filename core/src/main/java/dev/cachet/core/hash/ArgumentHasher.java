package dev.cachet.core.hash;

/**
 * Teaches Cachet to hash arguments of a type it cannot encode on its own. Register one as a bean.
 *
 * <p>Write every input that can change the method's result, in a fixed order, and nothing that
 * differs between runs (identity hash codes, iteration order of unordered collections).
 *
 * @param <T> the argument type, matched with {@link Class#isInstance(Object)}
 */
public interface ArgumentHasher<T> {

	/** The type handled, including subtypes. */
	Class<T> type();

	/** Writes the canonical form of {@code value}. */
	void hash(T value, ArgumentSink sink) throws UnsupportedArgumentException;

}
