package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by {@link DiskTierSigkillTests}: writes entries {@code 0..count-1} to a disk tier
 * in a loop and prints {@code wrote <i>} after each {@code put} has returned, until it is killed.
 */
public final class KilledWriterMain {

	private KilledWriterMain() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		int count = Integer.parseInt(args[1]);
		DiskTier tier = new DiskTier(new DiskTierSettings(directory, Long.MAX_VALUE, Duration.ofHours(1)));
		System.out.println("ready");
		System.out.flush();
		for (int i = 0; i < count; i++) {
			tier.put(SigkillEntries.CACHE, SigkillEntries.key(i), SigkillEntries.envelope(i), Duration.ofDays(1));
			System.out.println("wrote " + i);
			System.out.flush();
		}
		System.out.println("done");
		System.out.flush();
		tier.close();
	}

}
