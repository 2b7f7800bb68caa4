package dev.cachet.core.key;

/**
 * A Cachet cache key: a printable, fixed-length id (32 lowercase hex characters, safe as a file
 * name, a Redis key and an S3 object key) plus the method it was made for.
 *
 * <p>Equality is by id only. The id covers the method identity, its code fingerprint, the argument
 * hash and the key contributors; it never contains argument values.
 */
public final class CachetKey {

	private final String id;

	private final CachedMethod method;

	private final boolean cacheable;

	private CachetKey(String id, CachedMethod method, boolean cacheable) {
		this.id = id;
		this.method = method;
		this.cacheable = cacheable;
	}

	/** A key for a call whose arguments were hashed. */
	public static CachetKey of(String id, CachedMethod method) {
		return new CachetKey(id, method, true);
	}

	/**
	 * A key for a call whose arguments cannot be hashed: the call runs uncached. Such keys never
	 * equal each other, so nothing can be shared through them.
	 */
	public static CachetKey uncacheable(CachedMethod method) {
		return new CachetKey("uncacheable", method, false);
	}

	public String id() {
		return id;
	}

	/** The method the key was generated for, or {@code null} for a key given in a cache annotation. */
	public CachedMethod method() {
		return method;
	}

	/** Whether the call may read or write the cache. */
	public boolean cacheable() {
		return cacheable;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (cacheable && other instanceof CachetKey key && key.cacheable && id.equals(key.id));
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}

	@Override
	public String toString() {
		return id;
	}

}
