package dev.cachet.core.tier;

import java.time.Duration;

/**
 * Extends "one computation per key" across application instances: while one instance computes a
 * key it holds a short lease; the others wait for it to finish instead of computing too.
 *
 * <p>Implementations must fail open: if the coordination store is unreachable,
 * {@link #tryAcquire} returns an acquired no-op handle so the caller simply computes.
 */
public interface KeyLease {

	/** How long a lease lasts if its holder dies without releasing it; also the longest wait. */
	default Duration leaseTime() {
		return Duration.ofSeconds(30);
	}

	/**
	 * Tries to take the lease on a key.
	 * @param leaseTime how long the lease lasts if its holder dies without releasing it
	 * @return a handle; {@link Handle#acquired()} tells whether this caller holds the lease
	 */
	Handle tryAcquire(String cache, String key, Duration leaseTime);

	/**
	 * Blocks until the holder of the lease on the key releases it or it expires, at most
	 * {@code maxWait}, without busy polling.
	 * @return {@code true} if the lease was released or expired within the wait
	 */
	boolean awaitRelease(String cache, String key, Duration maxWait) throws InterruptedException;

	/** A lease attempt; closing it releases the lease if this caller holds it. */
	interface Handle extends AutoCloseable {

		boolean acquired();

		/** Releases the lease (only if still its owner) and wakes the waiters. Never throws. */
		@Override
		void close();

	}

}
