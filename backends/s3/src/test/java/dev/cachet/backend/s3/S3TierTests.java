package dev.cachet.backend.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.testsupport.S3RequestCounter;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 tier against a real S3 API (s3proxy in this JVM). */
@ExtendWith(S3ServerExtension.class)
class S3TierTests {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	private static int buckets;

	private final S3RequestCounter requests = new S3RequestCounter();

	private S3Client client;

	private String bucket;

	private S3Tier tier;

	@BeforeEach
	void setUp(S3Server s3) {
		this.bucket = "tier-" + (++buckets);
		s3.createBucket(this.bucket);
		this.client = s3.newClient((builder) -> builder
			.overrideConfiguration((override) -> override.addExecutionInterceptor(this.requests)));
		this.tier = tierAt(NOW, settings());
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	/** A generous budget: the first requests of a fresh client on a busy machine are slow; budgets are tested elsewhere. */
	private S3TierSettings settings() {
		return S3TierSettings.of(this.bucket).withTimeout(Duration.ofSeconds(10));
	}

	private S3Tier tierAt(Instant now, S3TierSettings settings) {
		return new S3Tier(this.client, settings, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void objectsCarryTheStorageExpiryAndCreationTime() throws Exception {
		Envelope envelope = TestEnvelopes.of("value", NOW, Duration.ofSeconds(1));
		this.tier.put("reports", "k1", envelope, Duration.ofHours(1));
		List<S3Object> objects = this.client.listObjectsV2((list) -> list.bucket(this.bucket)).contents();
		HeadObjectResponse head = this.client.headObject((h) -> h.bucket(this.bucket).key(objects.get(0).key()));
		assertThat(head.metadata()).containsEntry("cachet-expires",
				Long.toString(NOW.plus(Duration.ofHours(1)).toEpochMilli()))
			.containsEntry("cachet-created", Long.toString(NOW.toEpochMilli()));
	}

	@Test
	void aCorruptObjectIsDeleted() throws Exception {
		Envelope envelope = TestEnvelopes.of("value", NOW, Duration.ZERO);
		this.tier.put("reports", "k1", envelope, Duration.ofHours(1));
		String key = this.client.listObjectsV2((list) -> list.bucket(this.bucket)).contents().get(0).key();
		byte[] flipped = envelope.bytes().clone();
		flipped[flipped.length / 2] ^= 1;
		this.client.putObject((put) -> put.bucket(this.bucket).key(key), RequestBody.fromBytes(flipped));

		assertThat(this.tier.get("reports", "k1")).isNull();
		assertThat(this.client.listObjectsV2((list) -> list.bucket(this.bucket)).contents()).isEmpty();
	}

	@Test
	void aConcurrentComputationOfTheSameKeyIsNotUploadedAgain() throws Exception {
		// both computations started at NOW - 5s; the other instance finished first
		Envelope theirs = TestEnvelopes.of("theirs", NOW.minusSeconds(2), Duration.ofSeconds(3));
		Envelope ours = TestEnvelopes.of("ours", NOW, Duration.ofSeconds(5));
		this.tier.put("reports", "k1", theirs, Duration.ofHours(1));
		this.tier.put("reports", "k1", ours, Duration.ofHours(1));
		assertThat(this.requests.uploads()).isEqualTo(1);
		assertThat(TestEnvelopes.text(this.tier.get("reports", "k1"))).isEqualTo("theirs");
	}

	@Test
	void aValueComputedAfterTheStoredOneReplacesIt() throws Exception {
		// recompute or @CachePut: the stored value existed before this computation started
		this.tier.put("reports", "k1", TestEnvelopes.of("old", NOW.minusSeconds(60), Duration.ofSeconds(1)),
				Duration.ofHours(1));
		this.tier.put("reports", "k1", TestEnvelopes.of("new", NOW, Duration.ofSeconds(5)), Duration.ofHours(1));
		assertThat(this.requests.uploads()).isEqualTo(2);
		assertThat(TestEnvelopes.text(this.tier.get("reports", "k1"))).isEqualTo("new");
	}

	@Test
	void anExpiredObjectIsReplacedWhateverItsAge() throws Exception {
		S3Tier earlier = tierAt(NOW.minus(Duration.ofHours(2)), settings());
		earlier.put("reports", "k1", TestEnvelopes.of("old", NOW.minusSeconds(1), Duration.ofSeconds(1)),
				Duration.ofHours(1));
		this.tier.put("reports", "k1", TestEnvelopes.of("new", NOW, Duration.ofSeconds(5)), Duration.ofHours(1));
		assertThat(TestEnvelopes.text(this.tier.get("reports", "k1"))).isEqualTo("new");
	}

	@Test
	void largeEnvelopesAreUploadedInPartsAndReadBackIntact() throws Exception {
		S3Tier tier = tierAt(NOW, settings().withMultipartThreshold(5L * 1024 * 1024));
		byte[] payload = new byte[6 * 1024 * 1024];
		new Random(42).nextBytes(payload);
		Envelope envelope = TestEnvelopes.of(payload, NOW, Duration.ZERO);
		tier.put("reports", "big", envelope, Duration.ofHours(1));
		assertThat(this.requests.count("UploadPartRequest")).isEqualTo(2);
		assertThat(this.requests.count("CompleteMultipartUploadRequest")).isEqualTo(1);
		assertThat(this.requests.count("PutObjectRequest")).isZero();
		Envelope read = tier.get("reports", "big");
		assertThat(Arrays.equals(read.bytes(), envelope.bytes())).isTrue();
	}

	@Test
	void aConcurrentComputationOfALargeEntryIsNotUploadedAgain() throws Exception {
		S3Tier tier = tierAt(NOW, settings().withMultipartThreshold(5L * 1024 * 1024));
		byte[] payload = new byte[6 * 1024 * 1024];
		tier.put("reports", "big", TestEnvelopes.of(payload, NOW.minusSeconds(1), Duration.ofSeconds(2)),
				Duration.ofHours(1));
		tier.put("reports", "big", TestEnvelopes.of(payload, NOW, Duration.ofSeconds(3)), Duration.ofHours(1));
		assertThat(this.requests.count("CreateMultipartUploadRequest")).as("looked before uploading").isEqualTo(1);
		assertThat(this.requests.count("UploadPartRequest")).isEqualTo(2);
		assertThat(this.requests.count("CompleteMultipartUploadRequest")).isEqualTo(1);
	}

	@Test
	void sweeperDeletesOnlyExpiredObjects() throws Exception {
		Envelope envelope = TestEnvelopes.of("value", NOW, Duration.ZERO);
		this.tier.put("reports", "short", envelope, Duration.ofMinutes(10));
		this.tier.put("reports", "long", envelope, Duration.ofHours(10));
		S3TierSettings settings = settings();
		try (S3Sweeper sweeper = new S3Sweeper(this.client, settings,
				Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC))) {
			assertThat(sweeper.sweep()).isEqualTo(1);
		}
		assertThat(this.tier.get("reports", "short")).isNull();
		assertThat(this.tier.get("reports", "long")).isNotNull();
	}

	@Test
	void describesItselfWithoutCredentials(S3Server s3) {
		assertThat(this.tier.type()).isEqualTo("s3");
		assertThat(this.tier.shared()).isTrue();
		assertThat(this.tier.location())
			.isEqualTo("s3://" + this.bucket + "/cachet/ at 127.0.0.1:" + s3.port())
			.doesNotContain(s3.accessKey());
	}

}
