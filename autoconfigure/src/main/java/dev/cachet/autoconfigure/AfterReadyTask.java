package dev.cachet.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Work that starts once the application is ready, on a low-priority daemon thread of its own, so
 * start-up never waits for it. Runs once, though a child context's ready event reaches the listener
 * too. Closing the context asks the work to stop and waits for it (at most 30 seconds), so it never
 * writes to the tiers of a closed context.
 */
abstract class AfterReadyTask implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private final String threadName;

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean stopping;

	private volatile @Nullable Thread thread;

	AfterReadyTask(String threadName) {
		this.threadName = threadName;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (started.compareAndSet(false, true)) {
			Thread worker = new Thread(this::run, threadName);
			worker.setDaemon(true);
			worker.setPriority(Thread.MIN_PRIORITY);
			thread = worker;
			worker.start();
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		stopping = true;
		Thread worker = thread;
		if (worker != null && worker != Thread.currentThread()) {
			worker.join(30_000);
		}
	}

	/** Whether the context is closing: work made of steps stops before the next one. */
	boolean stopping() {
		return stopping;
	}

	/** The work; must not throw. */
	abstract void run();

}
