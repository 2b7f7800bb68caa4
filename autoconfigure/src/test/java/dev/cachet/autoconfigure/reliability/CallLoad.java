package dev.cachet.autoconfigure.reliability;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import dev.cachet.autoconfigure.reliability.values.Sample;

/**
 * A few threads calling a cached method with random arguments, each result checked against a direct
 * recompute ({@link Sample#of(int)}). Counts calls, wrong results and exceptions, and keeps the slowest
 * call. Started once, stopped once.
 */
final class CallLoad implements AutoCloseable {

	private final IntFunction<Sample> call;

	private final int keys;

	private final ExecutorService threads;

	private final List<Future<?>> workers = new CopyOnWriteArrayList<>();

	private final LongAdder calls = new LongAdder();

	private final LongAdder wrong = new LongAdder();

	private final List<Throwable> exceptions = new CopyOnWriteArrayList<>();

	private final AtomicLong slowestNanos = new AtomicLong();

	private volatile boolean running = true;

	/**
	 * @param call the cached method
	 * @param keys arguments are drawn from {@code [0, keys)}
	 * @param threadCount calling threads
	 */
	CallLoad(IntFunction<Sample> call, int keys, int threadCount) {
		this.call = call;
		this.keys = keys;
		this.threads = Executors.newFixedThreadPool(threadCount);
		for (int i = 0; i < threadCount; i++) {
			long seed = 4711L + i;
			this.workers.add(this.threads.submit(() -> callUntilStopped(new SplittableRandom(seed))));
		}
	}

	private void callUntilStopped(SplittableRandom random) {
		while (this.running) {
			int n = random.nextInt(this.keys);
			long start = System.nanoTime();
			try {
				Sample result = this.call.apply(n);
				if (!Sample.of(n).equals(result)) {
					this.wrong.increment();
				}
			}
			catch (Throwable ex) {
				this.exceptions.add(ex);
			}
			finally {
				this.slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
				this.calls.increment();
			}
		}
	}

	/** Lets the load run until {@code condition} holds or {@code timeout} passes; returns whether it held. */
	boolean runUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(20);
		}
		return condition.getAsBoolean();
	}

	/** Lets the load run for a while. */
	void runFor(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	long calls() {
		return this.calls.sum();
	}

	long wrongResults() {
		return this.wrong.sum();
	}

	List<Throwable> exceptions() {
		return this.exceptions;
	}

	Duration slowestCall() {
		return Duration.ofNanos(this.slowestNanos.get());
	}

	/** Stops the threads and waits for them. */
	@Override
	public void close() throws Exception {
		this.running = false;
		this.threads.shutdown();
		if (!this.threads.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("load threads did not stop");
		}
		for (Future<?> worker : this.workers) {
			worker.get();
		}
	}

	@Override
	public String toString() {
		return calls() + " calls, " + wrongResults() + " wrong, " + this.exceptions.size() + " exceptions, slowest "
				+ slowestCall().toMillis() + " ms";
	}

}
