package dev.cachet.core.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** Running counts of one tier, across all caches. Cheap to update from many threads. */
public class TierStatistics {

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder calls = new LongAdder();

	private final LongAdder nanos = new LongAdder();

	private final List<LongConsumer> latencyListeners = new CopyOnWriteArrayList<>();

	void hit() {
		hits.increment();
	}

	void miss() {
		misses.increment();
	}

	void put() {
		puts.increment();
	}

	void error() {
		errors.increment();
	}

	void writeDropped() {
		dropped.increment();
	}

	void latency(long elapsedNanos) {
		calls.increment();
		nanos.add(elapsedNanos);
		if (!latencyListeners.isEmpty()) {
			latencyListeners.forEach(listener -> listener.accept(elapsedNanos));
		}
	}

	/**
	 * Also hands the duration of every timed call (read or write), in nanoseconds, to
	 * {@code listener}, such as a metrics timer. The listener runs on the caller's thread and must
	 * be quick and must not throw.
	 */
	public void onLatency(LongConsumer listener) {
		latencyListeners.add(listener);
	}

	public long hits() {
		return hits.sum();
	}

	public long misses() {
		return misses.sum();
	}

	public long puts() {
		return puts.sum();
	}

	/** Failed calls and undecodable entries, each counted as a miss too when it was a read. */
	public long errors() {
		return errors.sum();
	}

	/** Writes dropped because the tier's write-behind queue was full. */
	public long dropped() {
		return dropped.sum();
	}

	/** Timed calls (reads and writes); a tier holding values in memory is not timed. */
	public long calls() {
		return calls.sum();
	}

	/** Total nanoseconds spent in timed calls. */
	public long totalNanos() {
		return nanos.sum();
	}

}
