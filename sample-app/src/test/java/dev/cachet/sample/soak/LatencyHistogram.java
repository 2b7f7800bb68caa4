package dev.cachet.sample.soak;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call latencies in logarithmic buckets 2% wide, from 1 µs to about a minute: percentiles within 2%,
 * in constant memory however many calls a soak makes, recorded from many threads without locks.
 */
final class LatencyHistogram {

	private static final double GROWTH = 1.02;

	private static final int BUCKETS = (int) Math.ceil(Math.log(60_000_000.0) / Math.log(GROWTH)) + 1;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	private final AtomicLong maxNanos = new AtomicLong();

	void record(long nanos) {
		double micros = Math.max(1.0, nanos / 1000.0);
		int bucket = Math.min(BUCKETS - 1, (int) (Math.log(micros) / Math.log(GROWTH)));
		this.counts.incrementAndGet(bucket);
		this.maxNanos.accumulateAndGet(nanos, Math::max);
	}

	/** The latency below which {@code fraction} of the calls fall, in milliseconds (upper bucket bound). */
	double percentileMillis(double fraction) {
		long total = 0;
		for (int i = 0; i < BUCKETS; i++) {
			total += this.counts.get(i);
		}
		if (total == 0) {
			return 0;
		}
		long rank = (long) Math.ceil(fraction * total);
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += this.counts.get(i);
			if (seen >= rank) {
				return Math.min(Math.pow(GROWTH, i + 1), this.maxNanos.get() / 1000.0) / 1000.0;
			}
		}
		return maxMillis();
	}

	double maxMillis() {
		return this.maxNanos.get() / 1_000_000.0;
	}

	void addTo(LatencyHistogram total) {
		for (int i = 0; i < BUCKETS; i++) {
			total.counts.addAndGet(i, this.counts.get(i));
		}
		total.maxNanos.accumulateAndGet(this.maxNanos.get(), Math::max);
	}

}
