package dev.cachet.core.tier;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Envelope;

/**
 * A tier's native non-blocking reads, offered through {@link CacheTier#asyncReads()}. The tiered
 * cache uses them for {@code CompletableFuture}, {@code Mono} and {@code Flux} methods, so that a
 * read never holds the calling thread; a tier without them is read on a small executor of the
 * tiered cache instead.
 */
@FunctionalInterface
public interface TierAsyncReads {

	/**
	 * Reads an entry without blocking the calling thread. The same rules as
	 * {@link CacheTier#get} apply: only intact envelopes, verified with {@link Envelope#parse}.
	 * Continuations may run on the thread that completes the future (an I/O thread), so it must
	 * not be one that may not block: the cache never blocks on it.
	 * @return completes with the envelope, with {@code null} when the tier holds no intact entry,
	 * or exceptionally on failure (a counted miss)
	 */
	CompletableFuture<@Nullable Envelope> getAsync(String cache, String key);

}
