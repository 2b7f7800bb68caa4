package dev.cachet.autoconfigure.s3;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the S3 tier, under {@code cachet.s3.*}. Credentials come from the AWS SDK's
 * default chain (environment, system properties, profile, container or instance role) or from an
 * {@code AwsCredentialsProvider} bean; an application's own {@code S3Client} bean is used as it is.
 */
@ConfigurationProperties("cachet.s3")
public class CachetS3Properties {

	/** The bucket holding the entries; required. */
	private String bucket;

	/** Prefix of every object key; a lifecycle rule on it can expire old entries. */
	private String prefix = "cachet/";

	/** AWS region; default: the SDK's region chain, or us-east-1 when an endpoint is set. */
	private String region;

	/** Endpoint of an S3-compatible store (MinIO, Ceph, s3proxy), such as http://localhost:9000. */
	private URI endpoint;

	/** Whether buckets are addressed in the path (endpoint/bucket) rather than the host name; most S3-compatible stores need it. */
	private boolean pathStyle;

	/** Longest time S3 keeps an entry, whatever its freshness. */
	private Duration maxAge = Duration.ofDays(90);

	/**
	 * Time budget of one S3 request until S3 answers, and of the whole of small requests; a slower
	 * request is a miss.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * Time budget of streamed transfers of large file results: each uploaded part, and each
	 * multipart-threshold bytes of a download.
	 */
	private Duration transferTimeout = Duration.ofMinutes(1);

	/** Whether a missing bucket is created at start-up instead of stopping it. */
	private boolean createBucket;

	/** Whether the application starts with the S3 tier down when S3 cannot be reached at start-up. */
	private boolean optional;

	/** Entries of at least this size are uploaded in parts of this size; at least 5MB. */
	private DataSize multipartThreshold = DataSize.ofMegabytes(16);

	/** How often objects past their storage expiry are deleted by the application; unset: never (use a lifecycle rule). */
	private Duration sweepInterval;

	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	public String getBucket() {
		return bucket;
	}

	public void setBucket(String bucket) {
		this.bucket = bucket;
	}

	public String getPrefix() {
		return prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public String getRegion() {
		return region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public URI getEndpoint() {
		return endpoint;
	}

	public void setEndpoint(URI endpoint) {
		this.endpoint = endpoint;
	}

	public boolean isPathStyle() {
		return pathStyle;
	}

	public void setPathStyle(boolean pathStyle) {
		this.pathStyle = pathStyle;
	}

	public Duration getMaxAge() {
		return maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	public Duration getTransferTimeout() {
		return transferTimeout;
	}

	public void setTransferTimeout(Duration transferTimeout) {
		this.transferTimeout = transferTimeout;
	}

	public Duration getTimeout() {
		return timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public boolean isCreateBucket() {
		return createBucket;
	}

	public void setCreateBucket(boolean createBucket) {
		this.createBucket = createBucket;
	}

	public boolean isOptional() {
		return optional;
	}

	public void setOptional(boolean optional) {
		this.optional = optional;
	}

	public DataSize getMultipartThreshold() {
		return multipartThreshold;
	}

	public void setMultipartThreshold(DataSize multipartThreshold) {
		this.multipartThreshold = multipartThreshold;
	}

	public Duration getSweepInterval() {
		return sweepInterval;
	}

	public void setSweepInterval(Duration sweepInterval) {
		this.sweepInterval = sweepInterval;
	}

	public CircuitBreaker getCircuitBreaker() {
		return circuitBreaker;
	}

	/** The circuit breaker that skips S3 after repeated failures. */
	public static class CircuitBreaker {

		/** Consecutive failed requests that open the circuit. */
		private int failureThreshold = 5;

		/** How long the open circuit skips S3 before one probe request. */
		private Duration coolDown = Duration.ofSeconds(10);

		public int getFailureThreshold() {
			return failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Duration getCoolDown() {
			return coolDown;
		}

		public void setCoolDown(Duration coolDown) {
			this.coolDown = coolDown;
		}

	}

}
