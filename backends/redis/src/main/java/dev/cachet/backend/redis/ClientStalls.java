package dev.cachet.backend.redis;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long this JVM could not run its threads: garbage collection pauses, a CPU saturated by
 * the application's own work, a container's CPU quota. A daemon thread sleeps in short steps and adds
 * up how much later than asked it woke; a thread of Lettuce waiting for Redis's answer, or a
 * caller's deadline, is held up the same way. A call's time budget does not count that time: a
 * busy client is not a slow server.
 *
 * <p>One meter serves the whole JVM; each {@link RedisCommandRunner} holds it from
 * {@link #acquire()} to {@link #release()}, and the thread stops when nobody holds it.
 */
final class ClientStalls {

	/** How long the meter sleeps between looks at the clock. */
	static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	/** Waking this much late is ordinary timer slack, not a stall. */
	static final long SLACK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

	private static ClientStalls shared;

	private static int holders;

	private volatile long stalledNanos;

	private volatile boolean running = true;

	/** A meter fed by hand, for tests. */
	ClientStalls() {
	}

	/** The JVM's meter, started if nobody held it. */
	static synchronized ClientStalls acquire() {
		if (holders++ == 0) {
			shared = new ClientStalls();
			Thread thread = new Thread(shared::measure, "cachet-redis-stall-meter");
			thread.setDaemon(true);
			thread.start();
		}
		return shared;
	}

	/** Gives the meter back; the last holder stops its thread. */
	static synchronized void release(ClientStalls stalls) {
		if (stalls == shared && --holders == 0) {
			shared.running = false;
			shared = null;
		}
	}

	/** Total time this JVM was found stalled since the meter started; only differences mean anything. */
	long stalledNanos() {
		return this.stalledNanos;
	}

	/** Adds a stall by hand (tests). */
	void add(long nanos) {
		this.stalledNanos += nanos;
	}

	private void measure() {
		while (this.running) {
			long before = System.nanoTime();
			LockSupport.parkNanos(STEP_NANOS);
			long late = System.nanoTime() - before - STEP_NANOS;
			if (late > SLACK_NANOS) {
				// one writer: this thread
				this.stalledNanos += late;
			}
		}
	}

}
