package dev.cachet.core.memory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The memory tier's background thread that weighs held values. Its queue is bounded; when it is
 * full the tier weighs on the caller's thread rather than lose track of memory.
 */
final class Weigher {

	private static final int QUEUE = 10_000;

	private Weigher() {
	}

	static ExecutorService start() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(QUEUE), runnable -> {
					Thread thread = new Thread(runnable, "cachet-memory-weigher");
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
