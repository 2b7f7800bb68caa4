package dev.cachet.backend.redis;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * One Redis command from the moment a circuit let it through until its outcome is known, and how
 * that outcome is told to the circuit.
 *
 * <ul>
 * <li><b>Budget.</b> The caller waits at most the time budget plus the time this JVM was stalled
 * while the command ran ({@link ClientStalls}, and how late the deadline itself fired), and never
 * longer than the answer timeout. A caller whose budget runs out gets a {@link TimeoutException}
 * and the command is cancelled, so one queued while disconnected does not run after the caller gave
 * up.</li>
 * <li><b>Circuit.</b> Only failures the server caused count against it: a refused or dropped
 * connection at once; a timed-out command only if the server then answers nothing, to any command,
 * within the answer timeout after it was sent (a liveness probe asks if nothing else does). An
 * answer, even an error reply, means the server is alive.</li>
 * </ul>
 */
final class CommandCall<T> {

	/** Deadlines and verdicts of every runner; its thread ends when nothing is scheduled. */
	private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

	private final RedisCommandRunner runner;

	private final NodeCircuit circuit;

	private final byte[] routeKey;

	private final long sentNanos = System.nanoTime();

	private final long stalledAtSend;

	private final CompletableFuture<T> result = new CompletableFuture<>();

	private volatile ScheduledFuture<?> deadline;

	CommandCall(RedisCommandRunner runner, NodeCircuit circuit, byte[] routeKey) {
		this.runner = runner;
		this.circuit = circuit;
		this.routeKey = routeKey;
		this.stalledAtSend = runner.stalls().stalledNanos();
		long budget = runner.timing().budgetNanos();
		this.deadline = schedule(() -> deadlineReached(this.sentNanos + budget), budget);
		this.result.whenComplete((value, failure) -> this.deadline.cancel(false));
	}

	/** Completes with the command's value, or exceptionally on timeout, connection failure or error reply. */
	CompletableFuture<T> result() {
		return this.result;
	}

	/** Sends the command once the connection is there, or fails with the reason there is none. */
	void send(RedisClusterAsyncCommands<byte[], byte[]> redis, Throwable connectFailure,
			Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		if (connectFailure != null) {
			connectionFailed(connectFailure);
			return;
		}
		if (this.result.isDone()) {
			return;
		}
		RedisFuture<T> sent;
		try {
			sent = command.apply(redis);
		}
		catch (RuntimeException ex) {
			connectionFailed(ex);
			return;
		}
		sent.whenComplete(this::completed);
		// A command queued while disconnected must not run late, after the caller gave up.
		this.result.whenComplete((value, failure) -> sent.cancel(false));
	}

	private void completed(T value, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		long now = System.nanoTime();
		if (cause == null || cause instanceof RedisCommandExecutionException) {
			boolean first = (cause == null) ? this.result.complete(value) : this.result.completeExceptionally(cause);
			if (first) {
				this.circuit.answered(now);
			}
			else {
				this.circuit.heard(now);
			}
		}
		else if (cause instanceof RedisCommandTimeoutException) {
			// Lettuce's own command timeout measures wall time too, client stalls included
			timedOut();
		}
		else if (!(cause instanceof CancellationException)) {
			connectionFailed(cause);
		}
	}

	private void connectionFailed(Throwable failure) {
		this.result.completeExceptionally(failure);
		// the server's doing even when the caller's budget ran out first: health must not say UP meanwhile
		this.runner.serverFailed(this.circuit, describe(failure));
	}

	private void deadlineReached(long scheduledFor) {
		if (this.result.isDone()) {
			return;
		}
		long now = System.nanoTime();
		long stalled = Math.max(this.runner.stalls().stalledNanos() - this.stalledAtSend, now - scheduledFor);
		long allowedUntil = this.sentNanos + this.runner.timing().allowedNanos(stalled);
		if (allowedUntil - now > 0) {
			this.deadline = schedule(() -> deadlineReached(allowedUntil), allowedUntil - now);
			return;
		}
		timedOut();
	}

	private void timedOut() {
		if (!this.result.completeExceptionally(new TimeoutException("no answer within the time budget"))) {
			return;
		}
		this.runner.timedOut();
		if (this.circuit.answeredSince(this.sentNanos)) {
			this.circuit.breaker().recordSuccess();
			return;
		}
		this.runner.probe(this.circuit, this.routeKey);
		long verdictIn = this.sentNanos + this.runner.timing().answerTimeoutNanos() - System.nanoTime();
		schedule(this::judgeSilence, Math.max(0, verdictIn));
	}

	/** The answer timeout has passed since the command was sent; did the server answer anything since? */
	private void judgeSilence() {
		if (this.circuit.answeredSince(this.sentNanos)) {
			// alive: the client was busy or this one command was slow
			this.circuit.breaker().recordSuccess();
		}
		else {
			this.runner.serverFailed(this.circuit,
					"no answer within " + TimeUnit.NANOSECONDS.toMillis(this.runner.timing().answerTimeoutNanos()) + " ms");
		}
	}

	private static String describe(Throwable failure) {
		// Exception messages may carry connection URIs; the type name is enough here.
		return failure.getClass().getSimpleName();
	}

	static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
		return SCHEDULER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
	}

	private static ScheduledThreadPoolExecutor scheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "cachet-redis-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		// Deadlines are cancelled by their answer, on Lettuce's event loop: removing one from the queue
		// would take the queue's lock there (BlockHound saw it park under load), so a cancelled deadline
		// stays queued, inert, until its time (the budget, 50 ms by default).
		scheduler.setRemoveOnCancelPolicy(false);
		scheduler.setKeepAliveTime(10, TimeUnit.SECONDS);
		scheduler.allowCoreThreadTimeOut(true);
		return scheduler;
	}

}
