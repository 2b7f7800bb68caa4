package dev.cachet.backend.s3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.envelope.EnvelopeSigner;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.testsupport.S3RequestCounter;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The S3 tier's streaming path (file results) against a real S3 API (s3proxy in this JVM). */
@ExtendWith(S3ServerExtension.class)
class S3TierStreamingTests {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	private static final int MIB = 1024 * 1024;

	private static int buckets;

	private final S3RequestCounter requests = new S3RequestCounter();

	private final BeforeComplete beforeComplete = new BeforeComplete();

	private final Random random = new Random(42);

	private S3Client client;

	private String bucket;

	@BeforeEach
	void setUp(S3Server s3) {
		this.bucket = "streaming-" + (++buckets);
		s3.createBucket(this.bucket);
		this.client = s3.newClient((builder) -> builder.overrideConfiguration((override) -> override
			.addExecutionInterceptor(this.requests)
			.addExecutionInterceptor(this.beforeComplete)));
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	/** Parts of 5 MiB and a generous budget: budgets are tested on their own below. */
	private S3TierSettings settings() {
		return S3TierSettings.of(this.bucket).withTimeout(Duration.ofSeconds(10)).withMultipartThreshold(5L * MIB);
	}

	private S3Tier tierAt(Instant now, S3TierSettings settings) {
		return new S3Tier(this.client, settings, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void streamsALargeEnvelopeUpInPartsAndDownVerified() throws Exception {
		S3Tier tier = tierAt(NOW, settings());
		byte[] payload = randomBytes(11 * MIB);
		put(tier, "big", payload, NOW, Duration.ZERO);
		assertThat(tier.streaming()).isPresent();
		assertThat(this.requests.count("UploadPartRequest")).isEqualTo(3);
		assertThat(this.requests.count("CompleteMultipartUploadRequest")).isEqualTo(1);
		assertThat(this.requests.count("PutObjectRequest")).isZero();
		assertThat(read(tier, "big")).isEqualTo(payload);
		assertThat(tier.get("reports", "big").payloadLength()).as("the same object as get reads")
			.isEqualTo(payload.length);
	}

	@Test
	void streamsASmallEnvelopeInOneRequest() throws Exception {
		S3Tier tier = tierAt(NOW, settings());
		byte[] payload = randomBytes(100_000);
		put(tier, "small", payload, NOW, Duration.ZERO);
		assertThat(this.requests.count("PutObjectRequest")).isEqualTo(1);
		assertThat(this.requests.count("CreateMultipartUploadRequest")).isZero();
		assertThat(read(tier, "small")).isEqualTo(payload);
	}

	@Test
	void aStreamedEntryReplacesAnOlderOneButNotAConcurrentOne() throws Exception {
		S3Tier tier = tierAt(NOW, settings());
		put(tier, "k1", randomBytes(6 * MIB), NOW.minusSeconds(60), Duration.ofSeconds(1));
		byte[] recomputed = randomBytes(6 * MIB);
		put(tier, "k1", recomputed, NOW, Duration.ofSeconds(5));
		assertThat(read(tier, "k1")).as("recompute replaces").isEqualTo(recomputed);

		put(tier, "k1", randomBytes(6 * MIB), NOW.plusSeconds(1), Duration.ofSeconds(5));
		assertThat(this.requests.count("CreateMultipartUploadRequest")).as("a concurrent computation is not uploaded")
			.isEqualTo(2);
		assertThat(read(tier, "k1")).isEqualTo(recomputed);
	}

	@Test
	void anUploadThatLosesTheRaceIsRefusedAndAborted() throws Exception {
		S3Tier tier = tierAt(NOW, settings());
		S3Tier other = tierAt(NOW, settings());
		byte[] theirs = randomBytes(1000);
		// another instance stores the key after this upload looked, before it completes
		this.beforeComplete.run(() -> put(other, "k1", theirs, NOW, Duration.ofSeconds(1)));
		put(tier, "k1", randomBytes(6 * MIB), NOW, Duration.ofSeconds(1));
		assertThat(this.requests.count("CompleteMultipartUploadRequest")).isZero();
		assertThat(this.requests.count("AbortMultipartUploadRequest")).isEqualTo(1);
		assertThat(this.client.listMultipartUploads((list) -> list.bucket(this.bucket)).uploads()).isEmpty();
		assertThat(read(tier, "k1")).isEqualTo(theirs);
	}

	@Test
	void aStreamThatEndsEarlyAbortsTheUploadAndStoresNothing() throws Exception {
		S3Tier tier = tierAt(NOW, settings());
		EntryMetadata metadata = metadata(NOW, Duration.ZERO);
		long payloadLength = 12L * MIB;
		InputStream truncated = EnvelopeStreams.compose("test", false, metadata,
				new ByteArrayInputStream(randomBytes(7 * MIB)), payloadLength, EnvelopeSigner.none());
		assertThatIOException().isThrownBy(() -> tier.putEnvelope("reports", "k1", truncated,
				EnvelopeStreams.length("test", metadata, payloadLength, EnvelopeSigner.none()), Duration.ofHours(1)));
		assertThat(this.requests.count("AbortMultipartUploadRequest")).isEqualTo(1);
		assertThat(this.client.listMultipartUploads((list) -> list.bucket(this.bucket)).uploads()).isEmpty();
		assertThat(tier.openEnvelope("reports", "k1")).isNull();
	}

	@Test
	void theRequestBudgetEndsWhenTheHeadersArrive() throws Exception {
		byte[] payload = randomBytes(6 * MIB);
		put(tierAt(NOW, settings()), "k1", payload, NOW, Duration.ZERO);
		S3Tier tier = tierAt(NOW, settings().withTimeout(Duration.ofSeconds(1)));
		try (InputStream in = tier.openEnvelope("reports", "k1")) {
			Thread.sleep(1500);
			assertThat(payloadOf(in)).isEqualTo(payload);
		}
	}

	@Test
	void aDownloadSlowerThanTheTransferBudgetIsAbortedAndCounted() throws Exception {
		put(tierAt(NOW, settings()), "k1", randomBytes(6 * MIB), NOW, Duration.ZERO);
		S3Tier tier = tierAt(NOW, settings().withTransferTimeout(Duration.ofMillis(50)));
		try (InputStream in = tier.openEnvelope("reports", "k1")) {
			in.readNBytes(64 * 1024);
			Thread.sleep(200);
			assertThatIOException().isThrownBy(() -> in.readNBytes(64 * 1024))
				.withMessageContaining("slower than 5242880 bytes in 50 ms");
		}
		assertThat(tier.lastFailure()).contains("slower");
	}

	private void put(S3Tier tier, String key, byte[] payload, Instant createdAt, Duration computeTime)
			throws Exception {
		EntryMetadata metadata = metadata(createdAt, computeTime);
		InputStream envelope = EnvelopeStreams.compose("test", false, metadata, new ByteArrayInputStream(payload),
				payload.length, EnvelopeSigner.none());
		tier.putEnvelope("reports", key, envelope, EnvelopeStreams.length("test", metadata, payload.length, EnvelopeSigner.none()),
				Duration.ofHours(1));
	}

	private static byte[] read(S3Tier tier, String key) throws Exception {
		try (InputStream in = tier.openEnvelope("reports", key)) {
			return payloadOf(in);
		}
	}

	private static byte[] payloadOf(InputStream in) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		EnvelopeStreams.read(in).copyPayloadTo(out);
		return out.toByteArray();
	}

	private static EntryMetadata metadata(Instant createdAt, Duration computeTime) {
		return new EntryMetadata(createdAt, Duration.ofHours(1), computeTime, new Producer(Producer.Kind.CACHEABLE, "Svc#export()", "fp"), "");
	}

	private byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		this.random.nextBytes(bytes);
		return bytes;
	}

	/** Runs an action once, just before the next CompleteMultipartUpload request is sent. */
	static final class BeforeComplete implements ExecutionInterceptor {

		private volatile ThrowingAction action;

		void run(ThrowingAction action) {
			this.action = action;
		}

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
			ThrowingAction pending = this.action;
			if (pending != null && context.request() instanceof CompleteMultipartUploadRequest) {
				this.action = null;
				try {
					pending.run();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}

	}

	interface ThrowingAction {

		void run() throws Exception;

	}

}
