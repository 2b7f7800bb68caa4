package dev.cachet.core.cache;

/**
 * Measures how long a computation took between Spring's {@code get(key)} miss and its following
 * {@code put(key, value)} on the same thread, so the entry records its compute time. A put that no
 * miss of the same key preceded records zero.
 */
final class MissTimer {

	private final ThreadLocal<Pending> pending = new ThreadLocal<>();

	void missed(String keyId) {
		pending.set(new Pending(keyId, System.nanoTime()));
	}

	/** Nanoseconds since this thread's miss of {@code keyId}, or zero; forgets the miss. */
	long elapsedSinceMiss(String keyId) {
		Pending miss = pending.get();
		if (miss == null) {
			return 0;
		}
		pending.remove();
		return miss.keyId().equals(keyId) ? System.nanoTime() - miss.startNanos() : 0;
	}

	private record Pending(String keyId, long startNanos) {
	}

}
