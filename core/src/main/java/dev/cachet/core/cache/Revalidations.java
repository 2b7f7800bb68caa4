package dev.cachet.core.cache;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.tier.KeyLease;

/**
 * The background refreshes of entries served within stale-while-revalidate, for every cache of one
 * manager: one at a time per entry in this JVM, and, with a {@link KeyLease}, across instances (an
 * instance that finds the lease taken skips its refresh rather than waiting: the holder's result
 * reaches the shared tiers). They run on a small bounded pool; when it is full the refresh is skipped
 * and counted, and the next stale hit tries again.
 */
final class Revalidations implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Revalidations.class);

	private final @Nullable KeyLease lease;

	private final ThreadPoolExecutor executor;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	Revalidations(@Nullable KeyLease lease, int threads, int queueCapacity) {
		this.lease = lease;
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(queueCapacity), task -> {
					Thread thread = new Thread(task, "cachet-refresh-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Starts {@code refresh} of one entry in the background, unless one of it runs already.
	 * @param refreshed reads the entry again once the lease is taken: {@code true} when another
	 *                  instance's refresh has landed meanwhile, and this one is skipped
	 */
	void refresh(String cache, String keyId, CacheStatistics statistics, BooleanSupplier refreshed,
			Callable<?> refresh) {
		String entry = EntryMetadata.address(cache, keyId);
		if (!running.add(entry)) {
			return;
		}
		try {
			executor.execute(() -> {
				try {
					run(cache, keyId, statistics, refreshed, refresh);
				}
				finally {
					running.remove(entry);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			running.remove(entry);
			statistics.refreshSkipped();
		}
	}

	private void run(String cache, String keyId, CacheStatistics statistics, BooleanSupplier refreshed,
			Callable<?> refresh) {
		KeyLease.@Nullable Handle handle = (lease != null) ? lease.tryAcquire(cache, keyId, lease.leaseTime()) : null;
		try {
			if (handle != null && (!handle.acquired() || refreshed.getAsBoolean())) {
				// another instance refreshes it or just did; its result is in the shared tiers
				statistics.refreshSkipped();
				return;
			}
			// the refresh writes to every tier before returning, so the lease is released after it landed
			refresh.call();
			statistics.refreshed();
		}
		catch (Exception | Error ex) {
			statistics.refreshFailed();
			logger.debug("Background refresh of an entry of cache '{}' failed; the stale entry stays", cache, ex);
		}
		finally {
			if (handle != null) {
				handle.close();
			}
		}
	}

	/** Stops taking refreshes and waits briefly for those running. */
	@Override
	public void close() {
		executor.shutdown();
		try {
			executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
