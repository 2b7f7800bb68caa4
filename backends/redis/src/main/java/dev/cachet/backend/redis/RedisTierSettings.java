package dev.cachet.backend.redis;

import java.time.Duration;

import dev.cachet.core.tier.CircuitBreaker;

/**
 * Settings shared by the Redis tier, key lease and invalidation bus. The connection itself comes
 * from the application's {@code spring.data.redis.*} configuration.
 *
 * @param keyPrefix        prefix of every key and channel name, such as {@code cachet:}
 * @param timeout          time budget of one Redis command, not counting time this JVM was stalled
 *                         (garbage collection, a saturated CPU); a call that takes longer fails (a miss)
 * @param failureThreshold consecutive failures the server caused that open a circuit breaker
 * @param coolDown         how long the open circuit refuses calls before one probe
 * @param answerTimeout    how long the server may leave a command unanswered before the command
 *                         counts against the circuit; a command that outlived its budget but whose
 *                         server answered within this time (the client was busy, not the server
 *                         dead) does not. Also the longest a caller waits however long this JVM
 *                         stalls. At least {@code timeout} is used.
 */
public record RedisTierSettings(String keyPrefix, Duration timeout, int failureThreshold, Duration coolDown,
		Duration answerTimeout) {

	/** The answer timeout when none is given. */
	public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(1);

	/** Prefix {@code cachet:}, 50 ms per command, circuit opens after 5 failures for 5 s, answers within 1 s. */
	public static final RedisTierSettings DEFAULTS = new RedisTierSettings("cachet:", Duration.ofMillis(50), 5,
			Duration.ofSeconds(5), DEFAULT_ANSWER_TIMEOUT);

	public RedisTierSettings {
		if (keyPrefix == null) {
			throw new IllegalArgumentException("keyPrefix must not be null");
		}
		requirePositive("timeout", timeout);
		requirePositive("answerTimeout", answerTimeout);
		new CircuitBreaker.Settings(failureThreshold, coolDown);
	}

	/** Settings with the {@linkplain #DEFAULT_ANSWER_TIMEOUT default answer timeout}. */
	public RedisTierSettings(String keyPrefix, Duration timeout, int failureThreshold, Duration coolDown) {
		this(keyPrefix, timeout, failureThreshold, coolDown, DEFAULT_ANSWER_TIMEOUT);
	}

	public RedisTierSettings withKeyPrefix(String keyPrefix) {
		return new RedisTierSettings(keyPrefix, this.timeout, this.failureThreshold, this.coolDown, this.answerTimeout);
	}

	public RedisTierSettings withTimeout(Duration timeout) {
		return new RedisTierSettings(this.keyPrefix, timeout, this.failureThreshold, this.coolDown, this.answerTimeout);
	}

	public RedisTierSettings withCircuitBreaker(int failureThreshold, Duration coolDown) {
		return new RedisTierSettings(this.keyPrefix, this.timeout, failureThreshold, coolDown, this.answerTimeout);
	}

	public RedisTierSettings withAnswerTimeout(Duration answerTimeout) {
		return new RedisTierSettings(this.keyPrefix, this.timeout, this.failureThreshold, this.coolDown, answerTimeout);
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	CircuitBreaker.Settings circuitBreaker() {
		return new CircuitBreaker.Settings(this.failureThreshold, this.coolDown);
	}

}
