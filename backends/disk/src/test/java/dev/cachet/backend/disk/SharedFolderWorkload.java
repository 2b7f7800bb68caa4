package dev.cachet.backend.disk;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cachet.core.envelope.Envelope;

import static dev.cachet.backend.disk.TestEnvelopes.envelope;

/**
 * What each process does on the shared folder in {@link DiskTierTwoProcessesTests}: keeps reading
 * a hot set of its own (which least-recently-used eviction must therefore keep) while writing
 * entries nobody reads again.
 */
final class SharedFolderWorkload {

	static final String CACHE = "shared";

	static final int HOT = 5;

	static final Duration TTL = Duration.ofHours(1);

	private final DiskTier tier;

	private final String name;

	private final AtomicInteger churn = new AtomicInteger();

	private final AtomicInteger hotMisses = new AtomicInteger();

	SharedFolderWorkload(DiskTier tier, String name) {
		this.tier = tier;
		this.name = name;
	}

	/** Every entry has this size, so that sizes count entries. */
	static Envelope value(int n) {
		return envelope("value-%06d".formatted(n));
	}

	static long entrySize() {
		return value(0).size();
	}

	void writeHotSet() throws IOException {
		for (int i = 0; i < HOT; i++) {
			this.tier.put(CACHE, hotKey(i), value(i), TTL);
		}
	}

	/** One round: read the hot set, write one entry. */
	void round() throws IOException {
		for (int i = 0; i < HOT; i++) {
			if (this.tier.get(CACHE, hotKey(i)) == null) {
				this.hotMisses.incrementAndGet();
			}
		}
		int n = this.churn.incrementAndGet();
		this.tier.put(CACHE, this.name + "-churn-" + n, value(n), TTL);
	}

	String hotKey(int i) {
		return this.name + "-hot-" + i;
	}

	int hotMisses() {
		return this.hotMisses.get();
	}

}
