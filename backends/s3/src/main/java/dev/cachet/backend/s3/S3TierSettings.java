package dev.cachet.backend.s3;

import java.time.Duration;

import dev.cachet.core.tier.CircuitBreaker;

/**
 * Settings of the S3 tier. The connection (region, endpoint, credentials) belongs to the
 * {@code S3Client} given to the tier.
 *
 * @param bucket             the bucket, which must exist
 * @param prefix             prefix of every object key, such as {@code cachet/}; may be empty
 * @param timeout            time budget of one S3 request, until S3 has answered and, for entries held
 *                           in memory, until their bytes have moved; a request that takes longer fails
 *                           (a miss)
 * @param failureThreshold   consecutive failures that open the circuit breaker
 * @param coolDown           how long the open circuit refuses calls before one probe
 * @param multipartThreshold envelopes of at least this size are uploaded in parts of this size; at
 *                           least 5 MiB, the smallest part S3 accepts
 * @param transferTimeout    time budget of moving one part of a multipart or streamed entry (a file
 *                           result): each part upload, the upload's completion, and each
 *                           multipart-threshold stretch of a streamed download
 */
public record S3TierSettings(String bucket, String prefix, Duration timeout, int failureThreshold, Duration coolDown,
		long multipartThreshold, Duration transferTimeout) {

	/** The smallest part S3 accepts in a multipart upload (except the last). */
	public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

	/** Default {@link #transferTimeout()}: a 16 MiB part must move at 280 KiB/s or more. */
	public static final Duration DEFAULT_TRANSFER_TIMEOUT = Duration.ofMinutes(1);

	public S3TierSettings {
		if (bucket == null || bucket.isBlank()) {
			throw new IllegalArgumentException("bucket must be set");
		}
		if (prefix == null) {
			throw new IllegalArgumentException("prefix must not be null");
		}
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive");
		}
		new CircuitBreaker.Settings(failureThreshold, coolDown);
		if (multipartThreshold < MIN_PART_SIZE) {
			throw new IllegalArgumentException("multipartThreshold must be at least 5 MiB");
		}
		if (transferTimeout == null || transferTimeout.isNegative() || transferTimeout.isZero()) {
			throw new IllegalArgumentException("transferTimeout must be positive");
		}
	}

	/**
	 * Prefix {@code cachet/}, 2 s per request, circuit opens after 5 failures for 10 s, parts of 16 MiB
	 * with a minute each.
	 */
	public static S3TierSettings of(String bucket) {
		return new S3TierSettings(bucket, "cachet/", Duration.ofSeconds(2), 5, Duration.ofSeconds(10),
				16L * 1024 * 1024, DEFAULT_TRANSFER_TIMEOUT);
	}

	public S3TierSettings withPrefix(String prefix) {
		return new S3TierSettings(this.bucket, prefix, this.timeout, this.failureThreshold, this.coolDown,
				this.multipartThreshold, this.transferTimeout);
	}

	public S3TierSettings withTimeout(Duration timeout) {
		return new S3TierSettings(this.bucket, this.prefix, timeout, this.failureThreshold, this.coolDown,
				this.multipartThreshold, this.transferTimeout);
	}

	public S3TierSettings withCircuitBreaker(int failureThreshold, Duration coolDown) {
		return new S3TierSettings(this.bucket, this.prefix, this.timeout, failureThreshold, coolDown,
				this.multipartThreshold, this.transferTimeout);
	}

	public S3TierSettings withMultipartThreshold(long multipartThreshold) {
		return new S3TierSettings(this.bucket, this.prefix, this.timeout, this.failureThreshold, this.coolDown,
				multipartThreshold, this.transferTimeout);
	}

	public S3TierSettings withTransferTimeout(Duration transferTimeout) {
		return new S3TierSettings(this.bucket, this.prefix, this.timeout, this.failureThreshold, this.coolDown,
				this.multipartThreshold, transferTimeout);
	}

	CircuitBreaker.Settings circuitBreaker() {
		return new CircuitBreaker.Settings(this.failureThreshold, this.coolDown);
	}

}
