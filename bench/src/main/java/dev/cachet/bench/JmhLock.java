package dev.cachet.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Waits while another JMH run holds JMH's machine-wide lock, rather than failing: two benchmark runs
 * at once on a shared machine would measure each other.
 */
final class JmhLock {

	private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");

	private static final Duration POLL = Duration.ofSeconds(5);

	private JmhLock() {
	}

	/** Returns once the lock is free (JMH then takes it itself). */
	static void awaitFree() throws IOException, InterruptedException {
		boolean announced = false;
		while (true) {
			try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock lock = channel.tryLock()) {
				if (lock != null) {
					return;
				}
			}
			if (!announced) {
				System.out.println("[bench] another JMH run holds " + LOCK + ": waiting for it to finish");
				announced = true;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

}
