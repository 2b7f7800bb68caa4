package dev.cachet.sample.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What the calls made during every phase of one kind saw: counts, latencies and tier hits. */
final class PhaseStats {

	final String name;

	final LongAdder calls = new LongAdder();

	final LongAdder errors = new LongAdder();

	final LongAdder wrong = new LongAdder();

	final LatencyHistogram latency = new LatencyHistogram();

	/** The first exception a caller saw, to print. */
	final AtomicReference<Throwable> firstError = new AtomicReference<>();

	/** Hits per tier during these phases, added at the end of each phase. */
	final Map<String, Long> tierHits = new LinkedHashMap<>();

	int phases;

	long millis;

	PhaseStats(String name) {
		this.name = name;
	}

	void call(long nanos, boolean right) {
		this.latency.record(nanos);
		this.calls.increment();
		if (!right) {
			this.wrong.increment();
		}
	}

	void error(long nanos, Throwable ex) {
		this.latency.record(nanos);
		this.calls.increment();
		this.errors.increment();
		this.firstError.compareAndSet(null, ex);
	}

	/** Adds these counts to a total. */
	synchronized void addTo(PhaseStats total) {
		total.calls.add(this.calls.sum());
		total.errors.add(this.errors.sum());
		total.wrong.add(this.wrong.sum());
		this.latency.addTo(total.latency);
		synchronized (total) {
			total.phases += this.phases;
			total.millis += this.millis;
			this.tierHits.forEach((tier, hits) -> total.tierHits.merge(tier, hits, Long::sum));
		}
	}

	synchronized void ended(long phaseMillis, Map<String, Long> hitsDuringPhase) {
		this.phases++;
		this.millis += phaseMillis;
		hitsDuringPhase.forEach((tier, hits) -> this.tierHits.merge(tier, hits, Long::sum));
	}

}
