package dev.cachet.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Work that starts once the application is ready, on a low-priority daemon thread of its own, so
 * start-up never waits for it. Runs once, though a child context's ready event reaches the listener
 * too.
 */
abstract class AfterReadyTask implements ApplicationListener<ApplicationReadyEvent> {

	private final String threadName;

	private final AtomicBoolean started = new AtomicBoolean();

	AfterReadyTask(String threadName) {
		this.threadName = threadName;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (started.compareAndSet(false, true)) {
			Thread thread = new Thread(this::run, threadName);
			thread.setDaemon(true);
			thread.setPriority(Thread.MIN_PRIORITY);
			thread.start();
		}
	}

	/** The work; must not throw. */
	abstract void run();

}
