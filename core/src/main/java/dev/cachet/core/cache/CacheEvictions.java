package dev.cachet.core.cache;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The evictions and the clear {@linkplain PendingEvictions pending} for one cache in one tier. Read
 * without locking; changed only while holding its lock. Requests are ordered by a sequence number.
 */
final class CacheEvictions {

	private final TierBinding binding;

	private final ConcurrentMap<String, Attempt> keys = new ConcurrentHashMap<>();

	private volatile @Nullable Clear clear;

	/** Pending evictions and clears of every cache and tier together. */
	private final AtomicInteger count;

	CacheEvictions(TierBinding binding, AtomicInteger count) {
		this.binding = binding;
		this.count = count;
	}

	TierBinding binding() {
		return binding;
	}

	@Nullable Attempt attempt(String key) {
		return keys.get(key);
	}

	@Nullable Clear clear() {
		return clear;
	}

	Set<Map.Entry<String, Attempt>> attempts() {
		return keys.entrySet();
	}

	/**
	 * Keeps an eviction; with {@code max} kept already, all become {@code escalation}, which covers them.
	 * @return whether they did
	 */
	synchronized boolean add(String key, Attempt attempt, int max, Clear escalation) {
		if (keys.size() >= max) {
			request(escalation);
			return true;
		}
		Attempt previous = keys.put(key, attempt);
		if (previous == null) {
			count.incrementAndGet();
		}
		else {
			previous.state.compareAndSet(Attempt.PENDING, Attempt.DONE);
		}
		return false;
	}

	/** Replaces the pending evictions, all requested before it, by a pending clear. */
	synchronized void request(Clear requested) {
		if (clear == null) {
			count.incrementAndGet();
		}
		clear = requested;
		count.addAndGet(-keys.size());
		// one being applied is left to its thread, which then finds it gone
		keys.values().forEach(attempt -> attempt.state.compareAndSet(Attempt.PENDING, Attempt.DONE));
		keys.clear();
	}

	/** Forgets an eviction once applied or superseded. */
	synchronized void remove(String key, Attempt attempt) {
		if (keys.remove(key, attempt)) {
			count.decrementAndGet();
		}
	}

	/** Forgets the clear and the evictions requested before a clear that started at {@code started}. */
	synchronized void coveredBy(long started) {
		Clear current = clear;
		if (current != null && current.sequence() < started) {
			clear = null;
			count.decrementAndGet();
		}
		keys.entrySet().removeIf(entry -> {
			boolean covered = entry.getValue().sequence < started
					&& entry.getValue().state.compareAndSet(Attempt.PENDING, Attempt.DONE);
			if (covered) {
				count.decrementAndGet();
			}
			return covered;
		});
	}

	/** A pending clear: the entries created up to {@code requestedAt} are gone. */
	record Clear(Instant requestedAt, long sequence) {
	}

	/** A pending eviction of one address: pending, being applied by one thread, or done. */
	static final class Attempt {

		static final int PENDING = 0;

		static final int BUSY = 1;

		static final int DONE = 2;

		final long sequence;

		final AtomicInteger state = new AtomicInteger(PENDING);

		Attempt(long sequence) {
			this.sequence = sequence;
		}

		/** Takes the attempt for this thread; {@code false} if another one has it or it is done. */
		boolean claim() {
			return state.compareAndSet(PENDING, BUSY);
		}

		boolean done() {
			return state.get() == DONE;
		}

		/** Ends this thread's attempt. */
		void release(boolean applied) {
			state.set(applied ? DONE : PENDING);
		}

	}

}
