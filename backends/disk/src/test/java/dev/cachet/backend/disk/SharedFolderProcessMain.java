package dev.cachet.backend.disk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.cachet.core.envelope.Envelope;

import static dev.cachet.backend.disk.TestEnvelopes.payload;

/**
 * The second process of {@link DiskTierTwoProcessesTests}: runs a {@link SharedFolderWorkload} on
 * the folder every 50 ms and answers the test's questions on standard input, one per line:
 * {@code read <key>} answers {@code value <key> <payload or null>}; {@code stop} answers
 * {@code hot-misses <n>} and exits.
 */
public final class SharedFolderProcessMain {

	private SharedFolderProcessMain() {
	}

	public static void main(String[] args) throws Exception {
		DiskTier tier = new DiskTier(new DiskTierSettings(Path.of(args[0]), Long.parseLong(args[1]),
				Duration.ofHours(1)));
		SharedFolderWorkload workload = new SharedFolderWorkload(tier, "child");
		workload.writeHotSet();
		Thread rounds = new Thread(() -> {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					workload.round();
					Thread.sleep(50);
				}
			}
			catch (InterruptedException ex) {
				// stop
			}
			catch (Exception ex) {
				ex.printStackTrace();
			}
		});
		rounds.setDaemon(true); // the JVM ends with main, whatever the test did
		rounds.start();
		System.out.println("ready");
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null) {
			if (line.startsWith("read ")) {
				String key = line.substring("read ".length());
				Envelope found = tier.get(SharedFolderWorkload.CACHE, key);
				System.out.println("value " + key + " " + ((found != null) ? payload(found) : "null"));
			}
			else if (line.equals("stop")) {
				rounds.interrupt();
				rounds.join();
				System.out.println("hot-misses " + workload.hotMisses());
				break;
			}
		}
		tier.close();
	}

}
