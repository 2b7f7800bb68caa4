package dev.cachet.core.key;

/**
 * Where an entry lives within a cache: a printable, fixed-length id (32 lowercase hex characters,
 * safe as a file name, a Redis key and an S3 object key) hashed from the key as Spring means it.
 * It never contains argument values, and it does not depend on the method that made it, so
 * {@code @CacheEvict} and {@code @CachePut} on sibling methods reach the entries of
 * {@code @Cacheable} ones exactly as with Spring's own caches. Which method may read an entry is
 * decided from the envelope, not from the address.
 */
public final class CachetKey {

	private final String id;

	private final boolean cacheable;

	private CachetKey(String id, boolean cacheable) {
		this.id = id;
		this.cacheable = cacheable;
	}

	/** The address with this id. */
	public static CachetKey of(String id) {
		return new CachetKey(id, true);
	}

	/**
	 * The key of a call whose key cannot be hashed: the call runs uncached. Each one equals only
	 * itself, so nothing can be shared through it.
	 */
	public static CachetKey uncacheable() {
		return new CachetKey("uncacheable", false);
	}

	public String id() {
		return id;
	}

	/** Whether the call may read or write the cache. */
	public boolean cacheable() {
		return cacheable;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof CachetKey key && cacheable && key.cacheable && id.equals(key.id));
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
