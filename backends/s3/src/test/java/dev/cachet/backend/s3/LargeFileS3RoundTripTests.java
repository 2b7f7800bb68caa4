package dev.cachet.backend.s3;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.testsupport.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB file result round-trips through the S3 tier in a JVM with a 256 MiB heap: uploaded in
 * parts and downloaded as a stream, it is never whole in memory. s3proxy keeps its objects in a
 * folder. Runs in its own Surefire execution with {@code -Xmx256m} (see the module's pom).
 */
class LargeFileS3RoundTripTests {

	private static final long GIB = 1L << 30;

	@TempDir
	Path temp;

	@Test
	void oneGibibyteStreamsThroughA256MibHeap() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of this test's JVM").isLessThanOrEqualTo(256L << 20);
		Path source = FileResultCaches.writeRandomFile(this.temp.resolve("large.bin"), GIB);
		CachetKey key = FileResultCaches.key("large");
		Path store = Files.createDirectory(this.temp.resolve("s3"));
		try (S3Server s3 = S3Server.inFolder(store); S3Client client = s3.newClient()) {
			s3.createBucket("large");
			// default part size and transfer budget; a roomy request budget for a busy test machine
			S3TierSettings settings = S3TierSettings.of("large").withTimeout(Duration.ofSeconds(10));
			FileResultCaches.manager(this.temp.resolve("files-1"), tier(client, settings))
				.getCache("exports").bind(FileResultCaches.EXPORTER)
				.put(key, source);

			TieredCache fresh = FileResultCaches.manager(this.temp.resolve("files-2"), tier(client, settings))
				.getCache("exports").bind(FileResultCaches.EXPORTER);
			Path hit = (Path) fresh.get(key).get();
			assertThat(hit).startsWith(this.temp.resolve("files-2"));
			assertThat(Files.size(hit)).isEqualTo(GIB);
			assertThat(FileResultCaches.contentHash(hit)).isEqualTo(FileResultCaches.contentHash(source));
		}
	}

	@Test
	void anObjectTooLargeForTheHeapIsReadAsAMissNotAnError() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of this test's JVM").isLessThanOrEqualTo(256L << 20);
		long size = 600L << 20;
		Path store = Files.createDirectory(this.temp.resolve("s3"));
		try (S3Server s3 = S3Server.inFolder(store); S3Client client = s3.newClient()) {
			s3.createBucket("large");
			S3TierSettings settings = S3TierSettings.of("large").withTimeout(Duration.ofSeconds(10));
			// a file result is stored as it streams, as large as it comes: as if a larger heap had made it
			Path source = FileResultCaches.writeRandomFile(this.temp.resolve("large.bin"), size);
			CachetKey key = FileResultCaches.key("large");
			FileResultCaches.manager(this.temp.resolve("files"), tier(client, settings))
				.getCache("exports").bind(FileResultCaches.EXPORTER)
				.put(key, source);

			// read whole, as a value cache reads: a miss, not an OutOfMemoryError
			S3Tier tier = new S3Tier(client, settings);
			assertThat(tier.get("exports", key.id())).isNull();
			try (InputStream streamed = tier.openEnvelope("exports", key.id())) {
				assertThat(streamed).as("the entry is there, and streams").isNotNull();
			}
		}
	}

	private static Map.Entry<String, CacheTier> tier(S3Client client, S3TierSettings settings) {
		return Map.entry("s3", new S3Tier(client, settings));
	}

}
