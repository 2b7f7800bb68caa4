package dev.cachet.backend.s3;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File results ({@link Path}-returning methods) through a tiered cache with S3 behind it: larger
 * than the in-memory limit, so they only travel through tiers that stream.
 */
@ExtendWith(S3ServerExtension.class)
class S3FileResultsTests {

	/** Above the tiered cache's 8 MiB in-memory limit and the 5 MiB parts below: a streamed multipart entry. */
	private static final long SIZE = 9_000_000;

	private static int buckets;

	@TempDir
	Path temp;

	private final AtomicInteger computations = new AtomicInteger();

	private S3Client client;

	private String bucket;

	private Path source;

	@BeforeEach
	void setUp(S3Server s3) throws Exception {
		this.bucket = "files-" + (++buckets);
		s3.createBucket(this.bucket);
		this.client = s3.newClient();
		this.source = FileResultCaches.writeRandomFile(this.temp.resolve("export.bin"), SIZE);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private Map.Entry<String, CacheTier> s3() {
		return Map.entry("s3", new S3Tier(this.client, S3TierSettings.of(this.bucket)
			.withTimeout(Duration.ofSeconds(10))
			.withMultipartThreshold(S3TierSettings.MIN_PART_SIZE)));
	}

	private static Map.Entry<String, CacheTier> disk(DiskTier tier) {
		return Map.entry("disk", tier);
	}

	private DiskTier newDisk(String name) {
		return new DiskTier(new DiskTierSettings(this.temp.resolve(name), Long.MAX_VALUE, Duration.ofHours(1)));
	}

	private Path export(TieredCache cache, CachetKey key) {
		return cache.get(key, () -> {
			this.computations.incrementAndGet();
			return this.source;
		});
	}

	@Test
	void aFreshInstanceGetsTheFileFromS3AsAVerifiedLocalCopy() throws Exception {
		CachetKey key = FileResultCaches.key("k1");
		export(FileResultCaches.manager(this.temp.resolve("files-1"), s3()).getCache("exports").bind(FileResultCaches.EXPORTER), key);

		Path hit = export(FileResultCaches.manager(this.temp.resolve("files-2"), s3()).getCache("exports").bind(FileResultCaches.EXPORTER), key);
		assertThat(this.computations).hasValue(1);
		assertThat(hit).startsWith(this.temp.resolve("files-2"));
		assertThat(Files.size(hit)).isEqualTo(SIZE);
		assertThat(FileResultCaches.contentHash(hit)).isEqualTo(FileResultCaches.contentHash(this.source));
	}

	@Test
	void aHitInS3FillsTheEmptyDiskTierOfAFreshInstance() throws Exception {
		CachetKey key = FileResultCaches.key("k1");
		export(FileResultCaches.manager(this.temp.resolve("files-1"), disk(newDisk("disk-1")), s3())
			.getCache("exports").bind(FileResultCaches.EXPORTER), key);

		DiskTier emptyDisk = newDisk("disk-2");
		assertThat(emptyDisk.openEnvelope("exports", key.id())).isNull();
		Path hit = export(FileResultCaches.manager(this.temp.resolve("files-2"), disk(emptyDisk), s3())
			.getCache("exports").bind(FileResultCaches.EXPORTER), key);
		assertThat(this.computations).hasValue(1);
		assertThat(FileResultCaches.contentHash(hit)).isEqualTo(FileResultCaches.contentHash(this.source));
		try (InputStream promoted = emptyDisk.openEnvelope("exports", key.id())) {
			assertThat(promoted).as("promoted to disk").isNotNull();
			EnvelopeStreams.Reader reader = EnvelopeStreams.read(promoted);
			assertThat(reader.payloadLength()).isEqualTo(SIZE);
			reader.copyPayloadTo(OutputStream.nullOutputStream());
		}
	}

	@Test
	void aCorruptObjectIsAMissAndIsDeleted() throws Exception {
		CachetKey key = FileResultCaches.key("k1");
		export(FileResultCaches.manager(this.temp.resolve("files-1"), s3()).getCache("exports").bind(FileResultCaches.EXPORTER), key);
		String objectKey = this.client.listObjectsV2((list) -> list.bucket(this.bucket)).contents().get(0).key();
		ResponseBytes<GetObjectResponse> stored = this.client
			.getObjectAsBytes((get) -> get.bucket(this.bucket).key(objectKey));
		byte[] flipped = stored.asByteArray();
		flipped[flipped.length / 2] ^= 1;
		this.client.putObject((put) -> put.bucket(this.bucket).key(objectKey).metadata(stored.response().metadata()),
				RequestBody.fromBytes(flipped));

		TieredCache fresh = FileResultCaches.manager(this.temp.resolve("files-2"), s3()).getCache("exports").bind(FileResultCaches.EXPORTER);
		assertThat(fresh.get(key)).isNull();
		assertThat(this.client.listObjectsV2((list) -> list.bucket(this.bucket)).contents()).isEmpty();
		assertThat(export(fresh, key)).isEqualTo(this.source);
		assertThat(this.computations).hasValue(2);
	}

	@Test
	void withS3StoppedTheCallComputes(S3Server s3) throws Exception {
		CachetKey key = FileResultCaches.key("k1");
		DiskTier disk = newDisk("disk");
		TieredCache s3Only = FileResultCaches.manager(this.temp.resolve("files-1"), s3()).getCache("exports").bind(FileResultCaches.EXPORTER);
		TieredCache diskAndS3 = FileResultCaches.manager(this.temp.resolve("files-2"), disk(disk), s3())
			.getCache("exports").bind(FileResultCaches.EXPORTER);
		s3.stop();

		assertThat(export(s3Only, key)).isEqualTo(this.source);
		assertThat(export(s3Only, key)).as("nothing was stored").isEqualTo(this.source);
		assertThat(this.computations).hasValue(2);
		assertThat(export(diskAndS3, key)).isEqualTo(this.source);
		assertThat(this.computations).hasValue(3);
		Path hit = export(diskAndS3, key);
		assertThat(this.computations).as("the disk tier still works").hasValue(3);
		assertThat(FileResultCaches.contentHash(hit)).isEqualTo(FileResultCaches.contentHash(this.source));
	}

}
