package dev.cachet.core.cache;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.TierAsyncReads;

/**
 * Reads tiers for asynchronous methods without blocking the caller: through a tier's
 * {@link TierAsyncReads} when it has them (Redis), else on a small bounded executor per tier (disk,
 * S3). The rules of {@link TierOperations#get} hold, but a read never applies a pending eviction
 * (that blocks): the tier is a miss at that address until a blocking read or the retries apply it.
 * A full executor makes the read a counted miss rather than a wait.
 */
final class AsyncTierReads implements AutoCloseable {

	/** Threads per tier without native async reads: enough for a few slow reads at once. */
	private static final int THREADS = 4;

	/** Reads each such tier's queue holds before new ones are misses. */
	private static final int QUEUE = 1024;

	private final TierOperations operations;

	private final Map<String, ThreadPoolExecutor> executors = new ConcurrentHashMap<>();

	AsyncTierReads(TierOperations operations) {
		this.operations = operations;
	}

	/** An entry's envelope; completes with {@code null} on a miss or a failure, never exceptionally. */
	CompletableFuture<@Nullable Envelope> get(TierBinding binding, String cache, String key) {
		if (operations.pending().evictionPending(binding, cache, key)) {
			return CompletableFuture.completedFuture(null);
		}
		TierAsyncReads reads = binding.tier().asyncReads().orElse(null);
		if (reads == null) {
			return supply(binding, () -> operations.get(binding, cache, key));
		}
		long start = System.nanoTime();
		CompletableFuture<@Nullable Envelope> read;
		try {
			read = reads.getAsync(cache, key);
		}
		catch (RuntimeException ex) {
			read = CompletableFuture.failedFuture(ex);
		}
		return read.handle((envelope, failure) -> {
			binding.statistics().latency(System.nanoTime() - start);
			if (failure != null) {
				operations.failed(binding, "read", unwrap(failure));
				return null;
			}
			return (envelope != null && !operations.pending().cleared(binding, cache, envelope.metadata())) ? envelope : null;
		});
	}

	/**
	 * Runs a blocking read of a tier on that tier's executor.
	 * @return completes with the read's result; with {@code null} if the executor is full
	 */
	<T> CompletableFuture<@Nullable T> supply(TierBinding binding, Supplier<@Nullable T> read) {
		try {
			return CompletableFuture.supplyAsync(read, executor(binding));
		}
		catch (RejectedExecutionException ex) {
			operations.failed(binding, "read", ex);
			return CompletableFuture.completedFuture(null);
		}
	}

	/** The executor on which a tier's blocking reads run. */
	Executor executor(TierBinding binding) {
		return executors.computeIfAbsent(binding.name(), name -> {
			ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
					new ArrayBlockingQueue<>(QUEUE), runnable -> {
						Thread thread = new Thread(runnable, "cachet-read-" + name);
						thread.setDaemon(true);
						return thread;
					});
			executor.allowCoreThreadTimeOut(true);
			return executor;
		});
	}

	private static Exception unwrap(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return (cause instanceof Exception ex) ? ex : new RuntimeException(cause);
	}

	@Override
	public void close() {
		executors.values().forEach(ThreadPoolExecutor::shutdown);
	}

}
