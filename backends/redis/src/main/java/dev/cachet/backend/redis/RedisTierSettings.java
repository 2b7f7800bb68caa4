package dev.cachet.backend.redis;

import java.time.Duration;

import dev.cachet.core.tier.CircuitBreaker;

/**
 * Settings shared by the Redis tier, key lease and invalidation bus. The connection itself comes
 * from the application's {@code spring.data.redis.*} configuration.
 *
 * @param keyPrefix        prefix of every key and channel name, such as {@code cachet:}
 * @param timeout          time budget of one Redis command; a call that takes longer fails (a miss)
 * @param failureThreshold consecutive failures that open the circuit breaker
 * @param coolDown         how long the open circuit refuses calls before one probe
 */
public record RedisTierSettings(String keyPrefix, Duration timeout, int failureThreshold, Duration coolDown) {

	/** Prefix {@code cachet:}, 50 ms per command, circuit opens after 5 failures for 5 s. */
	public static final RedisTierSettings DEFAULTS = new RedisTierSettings("cachet:", Duration.ofMillis(50), 5,
			Duration.ofSeconds(5));

	public RedisTierSettings {
		if (keyPrefix == null) {
			throw new IllegalArgumentException("keyPrefix must not be null");
		}
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive");
		}
		new CircuitBreaker.Settings(failureThreshold, coolDown);
	}

	public RedisTierSettings withKeyPrefix(String keyPrefix) {
		return new RedisTierSettings(keyPrefix, this.timeout, this.failureThreshold, this.coolDown);
	}

	public RedisTierSettings withTimeout(Duration timeout) {
		return new RedisTierSettings(this.keyPrefix, timeout, this.failureThreshold, this.coolDown);
	}

	public RedisTierSettings withCircuitBreaker(int failureThreshold, Duration coolDown) {
		return new RedisTierSettings(this.keyPrefix, this.timeout, failureThreshold, coolDown);
	}

	CircuitBreaker.Settings circuitBreaker() {
		return new CircuitBreaker.Settings(this.failureThreshold, this.coolDown);
	}

}
