package dev.cachet.backend.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.testsupport.MutableClock;

import static dev.cachet.backend.disk.TestEnvelopes.envelope;
import static dev.cachet.backend.disk.TestEnvelopes.payload;
import static org.assertj.core.api.Assertions.assertThat;

class DiskTierRebuildTests {

	private static final int ENTRIES = 100_000;

	@TempDir
	Path root;

	@Test
	void rebuildsTheIndexOfOneHundredThousandEntries() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));
		Envelope envelope = envelope("a small cached value");
		String cacheFolder = EntryNames.cacheFolder("big");
		long expiry = clock.millis() + Duration.ofDays(1).toMillis();
		SplittableRandom random = new SplittableRandom(42);
		String[] keys = new String[ENTRIES];
		for (int i = 0; i < ENTRIES; i++) {
			keys[i] = "%016x%016x".formatted(random.nextLong(), random.nextLong());
			Path shard = this.root.resolve(cacheFolder).resolve(EntryNames.shard(keys[i]));
			Files.createDirectories(shard);
			Files.write(shard.resolve(EntryNames.entryFile(keys[i], expiry, envelope.size())), envelope.bytes());
		}

		long start = System.nanoTime();
		try (DiskTier tier = new DiskTier(new DiskTierSettings(this.root, Long.MAX_VALUE, Duration.ofHours(1)),
				clock)) {
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.println("Disk tier index rebuild of " + ENTRIES + " entries: " + millis + " ms");
			assertThat(tier.entryCount()).hasValue(ENTRIES);
			assertThat(tier.sizeInBytes()).hasValue((long) ENTRIES * envelope.size());
			for (int i = 0; i < ENTRIES; i += 9_973) {
				assertThat(payload(tier.get("big", keys[i]))).isEqualTo("a small cached value");
			}
		}
	}

}
