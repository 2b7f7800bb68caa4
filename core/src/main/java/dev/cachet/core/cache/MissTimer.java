package dev.cachet.core.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures how long a computation took between Spring's miss and its following {@code put(key,
 * value)}, so the entry records its compute time. A {@code get(key)} miss is followed by the put on
 * the same thread; a {@code retrieve(key)} miss (a {@code CompletableFuture}, {@code Mono} or
 * {@code Flux} method) by a put on whichever thread completes the result, so those misses are
 * remembered by key. A put that no miss of the same key preceded records zero.
 */
final class MissTimer {

	/** Misses never followed by a put (the method failed) are forgotten past this many. */
	private static final int MAX_ASYNC_MISSES = 10_000;

	private final ThreadLocal<Pending> pending = new ThreadLocal<>();

	private final Map<String, Long> asyncMisses = new ConcurrentHashMap<>();

	void missed(String keyId) {
		pending.set(new Pending(keyId, System.nanoTime()));
	}

	/** A miss whose result is put when it completes, possibly on another thread. */
	void missedAsync(String keyId) {
		if (asyncMisses.size() >= MAX_ASYNC_MISSES) {
			asyncMisses.clear();
		}
		asyncMisses.putIfAbsent(keyId, System.nanoTime());
	}

	/** Nanoseconds since the miss of {@code keyId} this put follows, or zero; forgets the miss. */
	long elapsedSinceMiss(String keyId) {
		Pending miss = pending.get();
		if (miss != null) {
			pending.remove();
			if (miss.keyId().equals(keyId)) {
				return System.nanoTime() - miss.startNanos();
			}
		}
		Long asyncStart = asyncMisses.remove(keyId);
		return (asyncStart != null) ? System.nanoTime() - asyncStart : 0;
	}

	private record Pending(String keyId, long startNanos) {
	}

}
