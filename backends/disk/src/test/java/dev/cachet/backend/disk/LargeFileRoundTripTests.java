package dev.cachet.backend.disk;

import java.nio.file.Files;
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

}
