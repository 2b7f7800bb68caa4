package dev.cachet.core.method;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Producer;

/**
 * Who calls a cache: an annotated method in one of its roles, or application code through the plain
 * {@link org.springframework.cache.Cache} API. A cache bound to a caller writes entries that record
 * it as their producer and serves only entries that caller may take.
 *
 * @param method the annotated method, {@code null} for {@link #PROGRAMMATIC}
 * @param role   the cache operation the method performs
 */
public record Caller(@Nullable CachedMethod method, Role role) {

	/** Application code using the {@link org.springframework.cache.Cache} API directly. */
	public static final Caller PROGRAMMATIC = new Caller(null, Role.PROGRAMMATIC);

	/** The cache operation a caller performs. */
	public enum Role {

		/** Direct use of the cache API. */
		PROGRAMMATIC,

		/** {@code @Cacheable}: reads its own results, or those of puts. */
		CACHEABLE,

		/** {@code @CachePut}: writes results every reader of the cache may take. */
		PUT,

		/** {@code @CacheEvict}: removes entries. */
		EVICT

	}

	/** The producer entries written by this caller record. */
	public Producer producer() {
		return switch (role) {
			case CACHEABLE -> method.producer(Producer.Kind.CACHEABLE);
			case PUT -> method.producer(Producer.Kind.PUT);
			case PROGRAMMATIC, EVICT -> Producer.PROGRAMMATIC;
		};
	}

}
