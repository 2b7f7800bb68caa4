package dev.cachet.core.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.tier.ValueHolding.HeldValue;

/**
 * Writes computed results to the tiers that store bytes off the caller's thread, so a miss returns
 * as soon as the method does. Each tier has one writer thread and a bounded queue: a slow remote
 * tier never holds up the disk. When a queue is full the write is dropped and counted
 * ({@link TierStatistics#dropped()}), never waited for. Until every tier has its copy, the result
 * is readable here ({@link #pending}), so a read that follows finds it without a memory tier.
 *
 * <p>A write the key's eviction overtook is not made, and one an eviction overlapped is withdrawn
 * ({@link EvictionEpochs}), so a queued write never outlives an eviction. A process killed with
 * writes queued loses them; tiers write atomically, so none is left half-written. {@link #close}
 * finishes the queued writes.
 */
final class WriteBehind implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WriteBehind.class);

	private final int capacity;

	private final TierOperations operations;

	private final Map<String, ThreadPoolExecutor> writers = new ConcurrentHashMap<>();

	private final ConcurrentMap<Pending, Entry> pending = new ConcurrentHashMap<>();

	/** @param capacity writes each tier's queue holds before it drops new ones */
	WriteBehind(int capacity, TierOperations operations) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("the write-behind queue capacity must be positive, was " + capacity);
		}
		this.capacity = capacity;
		this.operations = operations;
	}

	/**
	 * Queues the writes of one value to tiers: not made, or withdrawn, if an eviction of its key
	 * started since {@code epoch} (taken when the value was computed, or when the read that found
	 * it began).
	 * @param write writes the value to one tier, encoding it on first use
	 * @return completes when every tier has its copy or dropped it
	 */
	CompletableFuture<Void> submit(List<TierBinding> tiers, String cache, String key, HeldValue held, TierWrite write,
			long epoch) {
		CompletableFuture<Void> landed = new CompletableFuture<>();
		Pending address = new Pending(cache, key);
		Entry entry = new Entry(held, epoch, new AtomicInteger(tiers.size()), landed);
		pending.put(address, entry);
		for (TierBinding binding : tiers) {
			Runnable task = () -> {
				try {
					if (current(cache, key, entry)) {
						write.to(binding);
						if (operations.epochs().started(cache, key) != entry.epoch()) {
							// an eviction overlapped the write: the copy must not outlive it
							operations.evict(List.of(binding), cache, key, false);
						}
					}
				}
				catch (RuntimeException ex) {
					logger.debug("Write-behind to tier '{}' failed", binding.name(), ex);
				}
				finally {
					done(address, entry);
				}
			};
			try {
				writer(binding).execute(task);
			}
			catch (RejectedExecutionException ex) {
				binding.statistics().writeDropped();
				done(address, entry);
			}
		}
		return landed;
	}

	/** A result computed here whose writes have not all landed, if no eviction of its key came since. */
	@Nullable HeldValue pending(String cache, String key) {
		if (pending.isEmpty()) {
			return null;
		}
		Entry entry = pending.get(new Pending(cache, key));
		return (entry != null && current(cache, key, entry)) ? entry.held() : null;
	}

	/**
	 * Waits until every write queued so far has landed or was dropped.
	 * @return whether they all did within {@code timeout}
	 */
	boolean awaitLanded(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!pending.isEmpty()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(1);
		}
		return true;
	}

	/** Finishes the queued writes, waiting at most {@code timeout} in all. */
	void flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		writers.values().forEach(ThreadPoolExecutor::shutdown);
		for (ThreadPoolExecutor writer : writers.values()) {
			try {
				if (!writer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					logger.warn("Cachet could not finish {} queued writes within {}; they are lost",
							writer.getQueue().size(), timeout);
					writer.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				writer.shutdownNow();
			}
		}
	}

	@Override
	public void close() {
		flush(Duration.ofSeconds(30));
	}

	private boolean current(String cache, String key, Entry entry) {
		return !operations.epochs().running(cache, key) && operations.epochs().started(cache, key) == entry.epoch();
	}

	private void done(Pending address, Entry entry) {
		if (entry.remaining().decrementAndGet() == 0) {
			pending.remove(address, entry);
			entry.landed().complete(null);
		}
	}

	private ThreadPoolExecutor writer(TierBinding binding) {
		return writers.computeIfAbsent(binding.name(), name -> {
			ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
					new ArrayBlockingQueue<>(capacity), runnable -> {
						Thread thread = new Thread(runnable, "cachet-write-" + name);
						thread.setDaemon(true);
						return thread;
					});
			executor.allowCoreThreadTimeOut(true);
			return executor;
		});
	}

	/** Writes one result to one tier. */
	@FunctionalInterface
	interface TierWrite {

		void to(TierBinding binding);

	}

	private record Pending(String cache, String key) {
	}

	private record Entry(HeldValue held, long epoch, AtomicInteger remaining, CompletableFuture<Void> landed) {
	}

}
