package dev.cachet.core.tier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a failing remote store for a while, so a dead tier costs nothing instead of a
 * timeout per call.
 *
 * <p>Closed: calls pass; {@code failureThreshold} consecutive failures open the circuit. Open:
 * calls are refused until the cool-down has passed; then one probe call is let through
 * (half-open). The probe's success closes the circuit, its failure opens it again. A probe that
 * never reports back does not block the circuit forever: after another cool-down the next call
 * becomes the probe.
 *
 * <p>Thread-safe. The closed-state fast path reads one volatile field.
 */
public final class CircuitBreaker {

	/** Circuit states, exposed for health and metrics. */
	public enum State {

		/** Calls pass. */
		CLOSED,
		/** Calls are refused until the cool-down has passed. */
		OPEN,
		/** One probe call is in flight; other calls are refused. */
		HALF_OPEN

	}

	private final Settings settings;

	private final Clock clock;

	private volatile State state = State.CLOSED;

	private int consecutiveFailures;

	/** How many times the circuit opened: a closed circuit or a failed probe. */
	private volatile long openings;

	/** When the open circuit lets the next probe through. */
	private Instant nextProbeAt = Instant.MIN;

	public CircuitBreaker(Settings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Asks whether a call may go to the store now. A caller that gets {@code true} must report the
	 * outcome with {@link #recordSuccess()} or {@link #recordFailure()}.
	 */
	public boolean tryAcquirePermission() {
		if (this.state == State.CLOSED) {
			return true;
		}
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return true;
			}
			Instant now = this.clock.instant();
			if (now.isBefore(this.nextProbeAt)) {
				return false;
			}
			this.state = State.HALF_OPEN;
			this.nextProbeAt = now.plus(this.settings.coolDown());
			return true;
		}
	}

	/** Reports a call that reached the store and got an answer. */
	public void recordSuccess() {
		if (this.state == State.CLOSED && this.consecutiveFailures == 0) {
			return;
		}
		synchronized (this) {
			this.consecutiveFailures = 0;
			this.state = State.CLOSED;
		}
	}

	/** Reports a call that failed to reach the store or timed out. */
	public synchronized void recordFailure() {
		this.consecutiveFailures++;
		if (this.state == State.HALF_OPEN || this.consecutiveFailures >= this.settings.failureThreshold()) {
			if (this.state != State.OPEN) {
				this.openings++;
			}
			this.state = State.OPEN;
			this.nextProbeAt = this.clock.instant().plus(this.settings.coolDown());
		}
	}

	public State state() {
		return this.state;
	}

	/**
	 * How many times the circuit has opened since it was made, counting a failed probe as an opening
	 * and failures reported while already open as none: for metrics and tests that must see an
	 * opening however briefly it lasted.
	 */
	public long openings() {
		return this.openings;
	}

	/** Thrown by callers that were refused by an open circuit; it carries no stack trace. */
	public static final class OpenException extends RuntimeException {

		public OpenException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * @param failureThreshold consecutive failures that open the circuit, at least 1
	 * @param coolDown         how long the circuit stays open before a probe, positive
	 */
	public record Settings(int failureThreshold, Duration coolDown) {

		public Settings {
			if (failureThreshold < 1) {
				throw new IllegalArgumentException("failureThreshold must be at least 1");
			}
			if (coolDown == null || coolDown.isNegative() || coolDown.isZero()) {
				throw new IllegalArgumentException("coolDown must be positive");
			}
		}

	}

}
