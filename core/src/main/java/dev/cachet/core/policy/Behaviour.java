package dev.cachet.core.policy;

/** What a cached call does with the cache (Hamilton's vocabulary). */
public enum Behaviour {

	/** Take the setting of the enclosing layer; only meaningful in annotations and call options. */
	INHERIT,

	/** Read fresh entries, compute and write on a miss. */
	DEFAULT,

	/** Never read; compute and overwrite the entry in every tier. */
	RECOMPUTE,

	/** Neither read nor write: the method runs as if uncached. */
	DISABLE

}
