package dev.cachet.autoconfigure.reliability;

import java.util.concurrent.atomic.AtomicLongArray;

import org.springframework.cache.annotation.Cacheable;

/**
 * Two cached methods for the Redis load tests, each counting its computations per argument: a
 * computation of a key that Redis holds is a call Redis did not serve (a timeout, a failure or an
 * open circuit).
 */
public class LoadService {

	/** Arguments are drawn from {@code [0, KEYS)}. */
	public static final int KEYS = 4096;

	private final AtomicLongArray hotComputations = new AtomicLongArray(KEYS);

	private final AtomicLongArray sharedComputations = new AtomicLongArray(KEYS);

	/** Cached in memory and Redis: a hit is normally a memory hit. */
	@Cacheable("hot")
	public String hot(int n) {
		this.hotComputations.incrementAndGet(n);
		return "hot " + n;
	}

	/** Cached in Redis only: every call is a Redis call. */
	@Cacheable("shared")
	public String shared(int n) {
		this.sharedComputations.incrementAndGet(n);
		return "shared " + n;
	}

	long hotComputations(int n) {
		return this.hotComputations.get(n);
	}

	long sharedComputations(int n) {
		return this.sharedComputations.get(n);
	}

}
