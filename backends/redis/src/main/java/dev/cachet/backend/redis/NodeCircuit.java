package dev.cachet.backend.redis;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.cachet.core.tier.CircuitBreaker;

/**
 * The circuit breaker of one Redis server: a standalone Redis, or one master of a cluster, so that a
 * failing master stops only the calls for its own slots. It also remembers when the server last
 * answered anything: a call that outlived its budget counts against the circuit only if the server
 * answered nothing after the call was sent, within the answer timeout (see {@link CommandCall}).
 */
final class NodeCircuit {

	private final String name;

	private final CircuitBreaker breaker;

	private final AtomicBoolean probing = new AtomicBoolean();

	/** {@link System#nanoTime()} of the latest answer; starts a day in the past. */
	private volatile long lastAnswerNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

	private volatile String lastFailure;

	NodeCircuit(String name, CircuitBreaker.Settings settings, Clock clock) {
		this.name = name;
		this.breaker = new CircuitBreaker(settings, clock);
	}

	/** {@code host:port} of a cluster node, or {@code redis} for the one server (never credentials). */
	String name() {
		return this.name;
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/** The server answered a call (a value or an error reply): it is alive. */
	void answered(long nanos) {
		heard(nanos);
		if (this.lastFailure != null) {
			this.lastFailure = null;
		}
		this.breaker.recordSuccess();
	}

	/**
	 * The server answered something that was no call of the circuit's (a liveness probe, or a call
	 * whose caller gave up): evidence that it is alive, for the verdicts still pending.
	 */
	void heard(long nanos) {
		this.lastAnswerNanos = nanos;
	}

	/** Whether the server answered anything after {@code sentNanos}. */
	boolean answeredSince(long sentNanos) {
		return this.lastAnswerNanos - sentNanos > 0;
	}

	/** The server failed a call: refused or dropped the connection, or left it unanswered. */
	void failed(String failure) {
		this.lastFailure = failure;
		this.breaker.recordFailure();
	}

	/** What went wrong with the latest failed call since the last answer, or {@code null}. */
	String lastFailure() {
		return this.lastFailure;
	}

	/** Claims the one liveness probe this node may have in flight; {@link #probeDone()} gives it back. */
	boolean startProbe() {
		return this.probing.compareAndSet(false, true);
	}

	void probeDone() {
		this.probing.set(false);
	}

}
