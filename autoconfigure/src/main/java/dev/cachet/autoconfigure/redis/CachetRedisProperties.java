package dev.cachet.autoconfigure.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.cachet.backend.redis.RedisInvalidationBus;


/**
 * Configuration of Cachet's Redis tier, key lease and invalidation bus, under {@code cachet.redis.*}.
 * The connection itself is Spring Boot's, configured under {@code spring.data.redis.*}.
 */
@ConfigurationProperties("cachet.redis")
public class CachetRedisProperties {

	/** Prefix of every key and channel Cachet uses in Redis; separates applications sharing a server. */
	private String keyPrefix = "cachet:";

	/**
	 * Time budget of one Redis call, not counting time this JVM could not run (garbage collection, a
	 * saturated CPU); a slower call is a miss, never an error for the caller.
	 */
	private Duration timeout = Duration.ofMillis(50);

	/** Longest time Redis keeps an entry, whatever its freshness. */
	private Duration maxAge = Duration.ofDays(30);

	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	private final Lease lease = new Lease();

	private final Invalidation invalidation = new Invalidation();

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public Lease getLease() {
		return this.lease;
	}

	public Invalidation getInvalidation() {
		return this.invalidation;
	}

	/** The circuit breakers (one per master on a cluster) that stop calling a failing Redis for a while. */
	public static class CircuitBreaker {

		/**
		 * Consecutive failures the server caused (a refused or dropped connection, a call left unanswered
		 * for the answer timeout) that open the circuit; while open, Redis (on a cluster: the failing
		 * master's slots) is skipped, a miss.
		 */
		private int failureThreshold = 5;

		/** How long the open circuit skips Redis before one probe call tries it again. */
		private Duration coolDown = Duration.ofSeconds(5);

		/**
		 * How long Redis may leave a call unanswered before the call counts as a failure. A call that
		 * outlived its time budget but whose server answered within this time (the client was busy, the
		 * server alive) does not count. Also the longest a call waits however long this JVM stalls. At
		 * least the timeout is used.
		 */
		private Duration answerTimeout = Duration.ofSeconds(1);

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Duration getCoolDown() {
			return this.coolDown;
		}

		public void setCoolDown(Duration coolDown) {
			this.coolDown = coolDown;
		}

		public Duration getAnswerTimeout() {
			return this.answerTimeout;
		}

		public void setAnswerTimeout(Duration answerTimeout) {
			this.answerTimeout = answerTimeout;
		}

	}

	/** The per-key lease that makes one instance compute a cold key while the others wait. */
	public static class Lease {

		/** Whether instances take a Redis lease before computing a cold key. */
		private boolean enabled = true;

		/** How long a lease lasts if its holder dies, and the longest time another instance waits for it. */
		private Duration time = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTime() {
			return this.time;
		}

		public void setTime(Duration time) {
			this.time = time;
		}

	}

	/**
	 * How evictions and clears reach the other instances: announced on a pub/sub channel and kept in a
	 * Redis Stream, from which an instance that was disconnected reads what it missed.
	 */
	public static class Invalidation {

		/** Whether evictions and clears are announced to, and received from, the other instances. */
		private boolean enabled = true;

		/**
		 * How many of the latest evictions and clears Redis keeps, at least, for instances that were
		 * disconnected. An instance that missed more no longer trusts its local entries from before,
		 * until it has read each again from a shared tier.
		 */
		private int history = RedisInvalidationBus.DEFAULT_HISTORY;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getHistory() {
			return this.history;
		}

		public void setHistory(int history) {
			this.history = history;
		}

	}

}
