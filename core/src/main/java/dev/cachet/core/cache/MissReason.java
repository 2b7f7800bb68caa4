package dev.cachet.core.cache;

/** Why a tier's entry was not served although the tier held one. Counted per cache. */
public enum MissReason {

	/** Older than the max-age in force for the call. */
	STALE,

	/** Written under another address: bytes copied or moved from elsewhere. Deleted. */
	MISPLACED,

	/**
	 * A cached result it was computed from changed since: evicted, cleared, overwritten or itself no
	 * longer served (its lineage).
	 */
	INPUT_CHANGED,

	/** Its producer's code changed since it was written (or another version of the application wrote it). */
	CODE_CHANGED,

	/** Written by a {@code @Cacheable} method other than the reader: Spring's key collision. */
	FOREIGN_PRODUCER,

	/** Written by a method this application does not have. */
	UNKNOWN_PRODUCER,

	/**
	 * In a node-local tier, written before invalidation messages were lost, and not served by a shared
	 * tier since.
	 */
	UNTRUSTED,

	/** Not signed with a configured key, where a signature is required. Deleted. */
	BAD_SIGNATURE,

	/** Holds a value the reader cannot return (another type, or a file for a value reader). */
	WRONG_TYPE,

	/** Its payload could not be decoded or failed verification. Deleted. */
	UNDECODABLE,

	/** Its bytes could not be read to the end (a cut transfer, a local disk error). Kept. */
	UNREADABLE;

	/** Whether the entry can never be served to anyone at its address, so it is deleted from the tier. */
	boolean deletes() {
		return this == MISPLACED || this == BAD_SIGNATURE || this == UNDECODABLE;
	}

}
