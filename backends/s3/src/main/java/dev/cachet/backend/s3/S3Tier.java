package dev.cachet.backend.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.tier.HeapBudget;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.TierStreaming;
import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.core.tier.TierHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 tier: envelopes as objects, shared by every application instance, for large and
 * long-lived results.
 *
 * <p>Objects live at {@code prefix + hash(cache name) + "/" + key id}. S3 has no per-object expiry,
 * so each object carries its storage expiry as metadata and an object past it is a miss; a bucket
 * lifecycle rule or {@link S3Sweeper} deletes it later. Writes are conditional: see
 * {@link ObjectMetadata} for when an existing object is replaced. Envelopes from the multipart
 * threshold on are uploaded in parts, and the tier {@linkplain #streaming() streams}: a large file
 * result moves between a file and S3 with one part at most in memory.
 *
 * <p>Every request has a time budget and feeds a {@link CircuitBreaker}; failures throw quickly and
 * the tiered cache treats them as misses. Moving a part of a streamed entry has its own, longer
 * budget ({@link S3TierSettings#transferTimeout()}). Constructing the tier sends no request.
 */
public final class S3Tier implements CacheTier, TierStreaming {

	private static final Logger logger = LoggerFactory.getLogger(S3Tier.class);

	/** Upper bound of an envelope header: fixed fields and three strings of at most 255, 65535, 255 bytes. */
	private static final int MAX_HEADER = 67 * 1024;

	private final S3Client client;

	private final S3TierSettings settings;

	private final Clock clock;

	private final S3Keys keys;

	private final S3Calls calls;

	private final S3Writer writer;

	private final S3Deleter deleter;

	private final String location;

	public S3Tier(S3Client client, S3TierSettings settings) {
		this(client, settings, Clock.systemUTC());
	}

	/** @param clock drives storage expiry and the circuit breaker's cool-down */
	public S3Tier(S3Client client, S3TierSettings settings, Clock clock) {
		this.client = client;
		this.settings = settings;
		this.clock = clock;
		this.keys = new S3Keys(settings.prefix());
		this.calls = new S3Calls(settings, clock);
		this.writer = new S3Writer(client, this.calls, settings);
		this.deleter = new S3Deleter(client, this.calls, settings.bucket());
		this.location = describeLocation(client, settings);
	}

	@Override
	public String type() {
		return "s3";
	}

	@Override
	public String location() {
		return this.location;
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public Envelope get(String cache, String key) throws Exception {
		String objectKey = this.keys.entry(cache, key);
		GetObjectRequest request = GetObjectRequest.builder()
			.bucket(this.settings.bucket())
			.key(objectKey)
			.overrideConfiguration(this.calls.budget())
			.build();
		byte[] bytes;
		try {
			bytes = this.calls.call(() -> this.client.getObject(request, this::readUnlessExpired));
		}
		catch (NoSuchKeyException ex) {
			return null;
		}
		if (bytes == null) {
			return null;
		}
		try {
			return Envelope.parse(bytes);
		}
		catch (CorruptEnvelopeException ex) {
			logger.warn("Deleting corrupt S3 cache entry ({})", ex.getMessage());
			deleteQuietly(objectKey);
			return null;
		}
	}

	/**
	 * Stores an entry unless a concurrent computation stored it first; replaces an older one (see
	 * {@link ObjectMetadata}). Entries from the multipart threshold on are uploaded in parts.
	 */
	@Override
	public void put(String cache, String key, Envelope envelope, Duration storageTtl) throws Exception {
		byte[] bytes = envelope.bytes();
		if (bytes.length >= this.settings.multipartThreshold()) {
			putInParts(this.keys.entry(cache, key), new ByteArrayInputStream(bytes), bytes.length,
					envelope.metadata(), storageTtl);
			return;
		}
		String objectKey = this.keys.entry(cache, key);
		Instant now = this.clock.instant();
		Map<String, String> metadata = ObjectMetadata.of(envelope.metadata(), now.plus(storageTtl));
		if (this.writer.write(objectKey, bytes, metadata, S3Writer.Precondition.ABSENT)) {
			return;
		}
		HeadObjectResponse existing = head(objectKey);
		if (existing == null) {
			// deleted since the refused upload: try once more to be the first
			this.writer.write(objectKey, bytes, metadata, S3Writer.Precondition.ABSENT);
		}
		else if (ObjectMetadata.replacedBy(existing.metadata(), envelope.metadata(), now)) {
			// refused again only if someone replaced the object meanwhile: theirs is as new as ours
			this.writer.write(objectKey, bytes, metadata, S3Writer.Precondition.replacing(existing.eTag()));
		}
	}

	/**
	 * Streams an entry into S3: below the multipart threshold as one request (the envelope is then
	 * small enough to hold), from it on in parts, one part in memory at a time. The same rule as
	 * {@link #put} decides whether an existing object is replaced.
	 */
	@Override
	public void putEnvelope(String cache, String key, InputStream envelope, long length, Duration storageTtl)
			throws Exception {
		try (envelope) {
			if (length < this.settings.multipartThreshold()) {
				put(cache, key, Envelope.parse(envelope.readNBytes(Math.toIntExact(length))), storageTtl);
				return;
			}
			BufferedInputStream buffered = new BufferedInputStream(envelope);
			buffered.mark(MAX_HEADER);
			EntryMetadata entry = EnvelopeStreams.read(buffered).metadata();
			buffered.reset();
			putInParts(this.keys.entry(cache, key), buffered, length, entry, storageTtl);
		}
	}

	@Override
	public Optional<TierStreaming> streaming() {
		return Optional.of(this);
	}

	/**
	 * Opens an entry for streaming. The time budget covers the request until S3 answers with the
	 * headers; the body then has the transfer budget per multipart-threshold bytes (see
	 * {@link StreamedBody}). An object past its storage expiry is a miss.
	 */
	@Override
	public InputStream openEnvelope(String cache, String key) throws Exception {
		GetObjectRequest request = GetObjectRequest.builder()
			.bucket(this.settings.bucket())
			.key(this.keys.entry(cache, key))
			.overrideConfiguration(this.calls.budget())
			.build();
		ResponseInputStream<GetObjectResponse> response;
		try {
			response = this.calls.call(() -> this.client.getObject(request));
		}
		catch (NoSuchKeyException ex) {
			return null;
		}
		if (ObjectMetadata.expired(response.response().metadata(), this.clock.instant())) {
			response.abort();
			return null;
		}
		return new StreamedBody(response, this.settings.multipartThreshold(), this.settings.transferTimeout(),
				this.calls);
	}

	@Override
	public void evict(String cache, String key) throws Exception {
		this.deleter.delete(this.keys.entry(cache, key));
	}

	/** Removes a cache's objects: one listing and one DeleteObjects request per 1000 objects. */
	@Override
	public void clear(String cache) throws Exception {
		this.deleter.deleteAll(this.keys.cachePrefix(cache), (object) -> true);
	}

	/**
	 * Checks that the bucket exists and can be reached, within the time budget.
	 * @return the bucket's state; never throws
	 */
	public BucketState checkBucket() {
		return checkBucket(this.settings.timeout());
	}

	/**
	 * Checks that the bucket exists and can be reached, within the given time. A start-up check
	 * deserves more than the per-request budget: the first request of a client pays its one-time
	 * set-up.
	 * @return the bucket's state; never throws
	 */
	public BucketState checkBucket(Duration timeout) {
		HeadBucketRequest request = HeadBucketRequest.builder()
			.bucket(this.settings.bucket())
			.overrideConfiguration(S3Calls.budget(timeout))
			.build();
		try {
			this.calls.call(() -> this.client.headBucket(request));
			return BucketState.AVAILABLE;
		}
		catch (NoSuchBucketException ex) {
			return BucketState.MISSING;
		}
		catch (S3Exception ex) {
			return (ex.statusCode() == 404) ? BucketState.MISSING
					: (ex.statusCode() == 403) ? BucketState.FORBIDDEN : BucketState.UNREACHABLE;
		}
		catch (RuntimeException ex) {
			return BucketState.UNREACHABLE;
		}
	}

	/** Creates the bucket, within the given time. */
	public void createBucket(Duration timeout) {
		CreateBucketRequest request = CreateBucketRequest.builder()
			.bucket(this.settings.bucket())
			.overrideConfiguration(S3Calls.budget(timeout))
			.build();
		this.calls.call(() -> this.client.createBucket(request));
	}

	@Override
	public TierHealth health() {
		CircuitBreaker.State state = this.calls.breaker().state();
		String failure = this.calls.lastFailure();
		if (state != CircuitBreaker.State.CLOSED) {
			return new TierHealth(TierHealth.State.CIRCUIT_OPEN,
					"circuit open" + ((failure != null) ? " after: " + failure : ""));
		}
		return (failure != null) ? TierHealth.down(failure) : TierHealth.up();
	}

	/** The circuit breaker's state, for metrics. */
	public CircuitBreaker.State circuitState() {
		return this.calls.breaker().state();
	}

	/** What the last request's failure was, or {@code null} if it succeeded; never holds credentials. */
	public String lastFailure() {
		return this.calls.lastFailure();
	}

	/** The client is the application's or the auto-configuration's; its owner closes it. */
	@Override
	public void close() {
	}

	/** Reads the body into an array sized from Content-Length, unless the object is past its storage expiry. */
	private byte[] readUnlessExpired(GetObjectResponse response, AbortableInputStream body) throws IOException {
		if (ObjectMetadata.expired(response.metadata(), this.clock.instant())) {
			body.abort();
			return null;
		}
		Long length = response.contentLength();
		if (length == null || length > Integer.MAX_VALUE - 8) {
			body.abort();
			throw SdkClientException.create("S3 object too large for one envelope: " + length + " bytes");
		}
		if (!HeapBudget.fitsWhole(length)) {
			// written by a JVM with a larger heap: reading it whole would throw OutOfMemoryError here
			body.abort();
			return null;
		}
		byte[] bytes = new byte[length.intValue()];
		int read = body.readNBytes(bytes, 0, bytes.length);
		if (read != bytes.length) {
			throw new IOException("S3 object ended after " + read + " of " + length + " bytes");
		}
		return bytes;
	}

	/**
	 * Uploads a large entry in parts. Uploading costs far more than a HEAD request, so the existing
	 * object is looked at first: a concurrent computation's object is kept without uploading, an
	 * older one is replaced if it is still the one seen ({@code If-Match}). A refusal means that
	 * another instance stored the key in between: its entry is as new as this one.
	 */
	private void putInParts(String objectKey, InputStream envelope, long length, EntryMetadata entry,
			Duration storageTtl) throws IOException {
		Instant now = this.clock.instant();
		HeadObjectResponse existing = head(objectKey);
		S3Writer.Precondition precondition;
		if (existing == null) {
			precondition = S3Writer.Precondition.ABSENT;
		}
		else if (ObjectMetadata.replacedBy(existing.metadata(), entry, now)) {
			precondition = S3Writer.Precondition.replacing(existing.eTag());
		}
		else {
			return;
		}
		this.writer.writeInParts(objectKey, envelope, length, ObjectMetadata.of(entry, now.plus(storageTtl)),
				precondition);
	}

	private HeadObjectResponse head(String objectKey) {
		HeadObjectRequest request = HeadObjectRequest.builder()
			.bucket(this.settings.bucket())
			.key(objectKey)
			.overrideConfiguration(this.calls.budget())
			.build();
		try {
			return this.calls.call(() -> this.client.headObject(request));
		}
		catch (NoSuchKeyException ex) {
			return null;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return null;
			}
			throw ex;
		}
	}

	private void deleteQuietly(String objectKey) {
		try {
			this.deleter.delete(objectKey);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not delete corrupt S3 cache entry {}", objectKey, ex);
		}
	}

	private static String describeLocation(S3Client client, S3TierSettings settings) {
		String location = "s3://" + settings.bucket() + "/" + settings.prefix();
		URI endpoint = client.serviceClientConfiguration().endpointOverride().orElse(null);
		if (endpoint == null || endpoint.getHost() == null) {
			return location;
		}
		// host and port only: an endpoint URI may carry user info
		return location + " at " + endpoint.getHost() + ((endpoint.getPort() != -1) ? ":" + endpoint.getPort() : "");
	}

	/** What a bucket check found. */
	public enum BucketState {

		/** The bucket exists and answers. */
		AVAILABLE,
		/** S3 answered that there is no such bucket. */
		MISSING,
		/** S3 refused access to the bucket. */
		FORBIDDEN,
		/** No answer within the time budget, or no connection. */
		UNREACHABLE

	}

}
