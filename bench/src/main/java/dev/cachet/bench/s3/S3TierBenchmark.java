package dev.cachet.bench.s3;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.cachet.backend.s3.S3Tier;
import dev.cachet.backend.s3.S3TierSettings;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.Producer;
import dev.cachet.testsupport.S3Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The S3 tier's read path against the bare SDK on the same object, the same client and the same
 * s3proxy (in this JVM, in memory): {@code tierGet} is {@link S3Tier#get} (budget, breaker, expiry
 * check, envelope checksum), {@code rawGet} is {@code getObjectAsBytes}. Their ratio is the tier's
 * overhead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class S3TierBenchmark {

	private static final String BUCKET = "bench";

	private static final String CACHE = "bench";

	@Param({ "1024", "1048576" })
	public int payloadBytes;

	private S3Server server;

	private S3Client client;

	private S3Tier tier;

	private GetObjectRequest rawRequest;

	private String key;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.server = S3Server.inMemory();
		this.server.createBucket(BUCKET);
		this.client = this.server.newClient();
		this.tier = new S3Tier(this.client, S3TierSettings.of(BUCKET));
		this.key = "k" + this.payloadBytes;
		byte[] payload = new byte[this.payloadBytes];
		new Random(1).nextBytes(payload);
		EntryMetadata metadata = new EntryMetadata(Instant.now(), Duration.ofDays(1), Duration.ZERO, Producer.PROGRAMMATIC,
				EntryMetadata.address(CACHE, this.key));
		Envelope envelope = Envelope.create("bench", false, false, metadata, payload, 0, payload.length);
		this.tier.put(CACHE, this.key, envelope, Duration.ofDays(1));
		String objectKey = this.client.listObjectsV2((list) -> list.bucket(BUCKET)).contents().stream()
			.filter((object) -> object.key().endsWith("/" + this.key))
			.findFirst()
			.orElseThrow()
			.key();
		this.rawRequest = GetObjectRequest.builder().bucket(BUCKET).key(objectKey).build();
		if (!Arrays.equals(this.tier.get(CACHE, this.key).bytes(), rawGet())) {
			throw new IllegalStateException("tier and raw reads differ");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.client.close();
		this.server.close();
	}

	@Benchmark
	public Envelope tierGet() throws Exception {
		return this.tier.get(CACHE, this.key);
	}

	@Benchmark
	public byte[] rawGet() {
		return this.client.getObjectAsBytes(this.rawRequest).asByteArrayUnsafe();
	}

}
