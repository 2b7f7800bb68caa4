package dev.cachet.core.key;

import java.util.List;
import java.util.Optional;

/**
 * Hashes argument values canonically: typed, length-prefixed, independent of JVM run, identity hash
 * codes and iteration order of unordered collections.
 * TODO(issue 3): full implementation.
 */
public class CanonicalArgumentHasher {

	private final List<ArgumentHasher<?>> customHashers;

	public CanonicalArgumentHasher(List<ArgumentHasher<?>> customHashers) {
		this.customHashers = List.copyOf(customHashers);
	}

	/** Starts a new digest. Digests are not thread-safe; use one per key. */
	public ArgumentDigest newDigest() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Why values of a declared parameter type can never be hashed (a stream, a connection), or empty
	 * when they can or when only the runtime value can tell. Used for start-up warnings.
	 */
	public Optional<String> unsupportedReason(Class<?> declaredType) {
		return Optional.empty();
	}

}
