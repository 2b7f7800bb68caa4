package dev.cachet.core.policy;

/** Where a setting came from, weakest first. The strongest layer that sets a value wins. */
public enum PolicyLayer {

	/** {@code cachet.default-max-age}, {@code cachet.stale-while-revalidate}, {@code cachet.stale-if-error}. */
	GLOBAL,

	/** {@code cachet.caches.<name>.*}. */
	CACHE,

	/** {@link CachePolicy} on the class. */
	CLASS,

	/** {@link CachePolicy} on the method. */
	METHOD,

	/** {@link Cachet#with(CallOptions)}. */
	CALL

}
