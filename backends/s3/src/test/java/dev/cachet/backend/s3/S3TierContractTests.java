package dev.cachet.backend.s3;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.CacheTierContract;
import dev.cachet.core.tier.TierStreaming;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;

/** The S3 tier under the tier contract, against a real S3 API (s3proxy in this JVM). */
@ExtendWith(S3ServerExtension.class)
class S3TierContractTests extends CacheTierContract {

	private static final String PREFIX = "cachet/";

	private static int buckets;

	private final String bucket = "contract-" + (++buckets);

	private final S3Client client;

	S3TierContractTests(S3Server s3) {
		s3.createBucket(this.bucket);
		this.client = s3.newClient();
	}

	/** A generous budget: the first requests of a fresh client on a busy machine are slow. */
	@Override
	protected CacheTier createTier(Clock clock) {
		return new S3Tier(this.client, S3TierSettings.of(this.bucket).withPrefix(PREFIX).withTimeout(Duration.ofSeconds(10)),
				clock);
	}

	@Override
	protected void cleanUp() {
		this.client.close();
	}

	/** Replaces the object with damaged bytes, as a foreign writer would, without Cachet's metadata. */
	@Override
	protected boolean corrupt(String cache, String key) {
		String objectKey = new S3Keys(PREFIX).entry(cache, key);
		byte[] bytes = this.client.getObjectAsBytes((get) -> get.bucket(this.bucket).key(objectKey)).asByteArray();
		bytes[bytes.length / 2] ^= 1;
		this.client.putObject((put) -> put.bucket(this.bucket).key(objectKey), RequestBody.fromBytes(bytes));
		return true;
	}

	@Override
	protected Collection<String> storageNames() {
		return this.client.listObjectsV2Paginator((list) -> list.bucket(this.bucket))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	/** {@code prefix + hash(cache name) + "/" + key id}, see {@link S3Keys}. */
	@Override
	protected String storageNameScheme() {
		return Pattern.quote(PREFIX) + "[0-9a-f]{16}/[A-Za-z0-9_-]+";
	}

	@Override
	protected boolean expiresOnClock() {
		return true;
	}

	@Override
	protected Set<Class<?>> capabilities() {
		return Set.of(TierStreaming.class);
	}

}
