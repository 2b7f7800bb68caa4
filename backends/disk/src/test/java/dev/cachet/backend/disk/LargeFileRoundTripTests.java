package dev.cachet.backend.disk;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.SplittableRandom;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.cache.TieredCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB file result round-trips through the disk tier in a JVM with a 256 MiB heap: it is never
 * whole in memory. Runs in its own Surefire execution with {@code -Xmx256m} (see the module's pom).
 */
class LargeFileRoundTripTests {

	private static final long GIB = 1L << 30;

	@TempDir
	Path temp;

	@Test
	void oneGibibyteStreamsThroughA256MibHeap() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of this test's JVM").isLessThanOrEqualTo(256L << 20);
		Path source = FileResultsTests.writeRandomFile(temp.resolve("large.bin"), GIB);
		FileResultsTests.manager(temp, null).getCache("exports").bind(FileResultsTests.EXPORTER).put(FileResultsTests.key("large"), source);

		TieredCache restarted = FileResultsTests.manager(temp, null).getCache("exports").bind(FileResultsTests.EXPORTER);
		Path hit = (Path) restarted.get(FileResultsTests.key("large")).get();
		assertThat(Files.size(hit)).isEqualTo(GIB);
		assertThat(FileResultsTests.contentHash(hit)).isEqualTo(FileResultsTests.contentHash(source));
	}

	@Test
	void anEntryTooLargeForTheHeapIsReadAsAMissNotAnError() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of this test's JVM").isLessThanOrEqualTo(256L << 20);
		long size = 600L << 20;
		try (DiskTier tier = new DiskTier(new DiskTierSettings(this.temp.resolve("disk"), Long.MAX_VALUE,
				Duration.ofHours(1)))) {
			// as a JVM with a larger heap would have stored it
			tier.putEnvelope("values", "large-entry", new RandomBytes(size), size, Duration.ofHours(1));

			assertThat(tier.get("values", "large-entry")).isNull();
			assertThat(tier.entryCount()).hasValue(1);
		}
	}

	/** {@code size} bytes of noise, made as they are read. */
	private static final class RandomBytes extends InputStream {

		private final SplittableRandom random = new SplittableRandom(600);

		private long left;

		RandomBytes(long size) {
			this.left = size;
		}

		@Override
		public int read() {
			if (this.left == 0) {
				return -1;
			}
			this.left--;
			return this.random.nextInt(256);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.left == 0) {
				return -1;
			}
			int count = (int) Math.min(length, this.left);
			for (int i = 0; i < count; i++) {
				buffer[offset + i] = (byte) this.random.nextInt(256);
			}
			this.left -= count;
			return count;
		}

	}

}
