package dev.cachet.autoconfigure.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.cachet.core.cache.TierStatistics;

/**
 * A steady load on one instance's {@code prices} cache: two threads each call
 * {@link Reports#price(String)} about every 50 µs for a random item, so nearly every call is a memory
 * hit. The test moves it through {@linkplain Phase phases}; each phase gets the memory tier's hit rate
 * and the median latency of the calls that started in it. After {@link #caughtUp()}, a call that
 * answers an evicted item from the old price list is counted as a stale serve.
 */
final class MemoryHitLoad implements AutoCloseable {

	/** Parts of a run, in order. */
	enum Phase {

		WARM_UP("warm-up (not judged)"), BEFORE("before the cut"), DURING("cut off"),
		FIRST_SECOND("0-1 s after hearing"), SECONDS_1_TO_4("1-4 s after"), SECONDS_4_TO_5("4-5 s after");

		final String label;

		Phase(String label) {
			this.label = label;
		}

	}

	/** What was measured in one phase. */
	record Figures(long calls, double memoryHitRate, long p50Nanos) {
	}

	private static final int THREADS = 2;

	private static final long PAUSE_NANOS = 50_000;

	private final CachetInstance instance;

	private final List<String> items;

	private final Set<String> evicted;

	private final TierStatistics memory;

	private final List<Thread> threads = new ArrayList<>();

	/** Latencies per thread and phase: each thread writes only its own row. */
	private final long[][][] latencies = new long[THREADS][Phase.values().length][];

	private final int[][] counts = new int[THREADS][Phase.values().length];

	private final long[] hitsAtStart = new long[Phase.values().length + 1];

	private final long[] missesAtStart = new long[Phase.values().length + 1];

	private final LongAdder staleServes = new LongAdder();

	private volatile Phase phase = Phase.WARM_UP;

	private volatile boolean caughtUp;

	private volatile boolean running = true;

	private Phase last = Phase.WARM_UP;

	MemoryHitLoad(CachetInstance instance, List<String> items, Set<String> evicted) {
		this.instance = instance;
		this.items = List.copyOf(items);
		this.evicted = Set.copyOf(evicted);
		this.memory = instance.manager().tiers().get("memory").statistics();
		snapshot(Phase.WARM_UP.ordinal());
		for (int t = 0; t < THREADS; t++) {
			int index = t;
			for (Phase p : Phase.values()) {
				latencies[index][p.ordinal()] = new long[1 << 16];
			}
			Thread thread = new Thread(() -> call(index, new SplittableRandom(7L + index)), "load-" + t);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
	}

	/** Starts a later phase. */
	void enter(Phase next) {
		snapshot(next.ordinal());
		last = next;
		phase = next;
	}

	/** From now on, an evicted item answered from the old price list is a stale serve. */
	void caughtUp() {
		caughtUp = true;
	}

	void stop() throws InterruptedException {
		if (!running) {
			return;
		}
		running = false;
		for (Thread thread : threads) {
			thread.join(10_000);
		}
		snapshot(last.ordinal() + 1);
		for (int p = last.ordinal() + 2; p < hitsAtStart.length; p++) {
			hitsAtStart[p] = hitsAtStart[p - 1];
			missesAtStart[p] = missesAtStart[p - 1];
		}
	}

	long staleServes() {
		return staleServes.sum();
	}

	Map<Phase, Figures> figures() {
		Map<Phase, Figures> figures = new EnumMap<>(Phase.class);
		for (Phase p : Phase.values()) {
			int i = p.ordinal();
			long hits = hitsAtStart[i + 1] - hitsAtStart[i];
			long misses = missesAtStart[i + 1] - missesAtStart[i];
			long[] all = new long[0];
			for (int t = 0; t < THREADS; t++) {
				int offset = all.length;
				all = Arrays.copyOf(all, offset + counts[t][i]);
				System.arraycopy(latencies[t][i], 0, all, offset, counts[t][i]);
			}
			Arrays.sort(all);
			long p50 = (all.length == 0) ? 0 : all[all.length / 2];
			figures.put(p, new Figures(all.length, (hits + misses == 0) ? 0 : (double) hits / (hits + misses), p50));
		}
		return figures;
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private void snapshot(int index) {
		hitsAtStart[index] = memory.hits();
		missesAtStart[index] = memory.misses();
	}

	private void call(int thread, SplittableRandom random) {
		Reports reports = instance.reports();
		while (running) {
			String item = items.get(random.nextInt(items.size()));
			Phase current = phase;
			boolean checked = caughtUp;
			long start = System.nanoTime();
			String price = reports.price(item);
			long took = System.nanoTime() - start;
			if (checked && evicted.contains(item) && price.endsWith("list 1")) {
				staleServes.increment();
			}
			record(thread, current.ordinal(), took);
			LockSupport.parkNanos(PAUSE_NANOS);
		}
	}

	private void record(int thread, int phase, long nanos) {
		long[] row = latencies[thread][phase];
		int count = counts[thread][phase];
		if (count == row.length) {
			row = Arrays.copyOf(row, row.length * 2);
			latencies[thread][phase] = row;
		}
		row[count] = nanos;
		counts[thread][phase] = count + 1;
	}

}
