package dev.cachet.backend.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.cachet.core.tier.CircuitBreaker;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs Lettuce commands on the application's Redis connection within a time budget, guarded by a
 * circuit breaker.
 *
 * <p>Every call fails after {@code timeout} at the latest, including the first connection attempt,
 * which runs on a background thread so no caller (and no constructor) ever blocks on a dead or
 * unreachable server. Once connected, the Lettuce connection reconnects by itself. A command that
 * outlives its budget is cancelled. Open circuit: calls fail at once without touching Redis.
 */
final class RedisCommandRunner implements AutoCloseable {

	private final LettuceConnectionFactory connectionFactory;

	private final long timeoutNanos;

	private final CircuitBreaker breaker;

	private final ExecutorService connector;

	private volatile CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> commands;

	private RedisConnection connection;

	private volatile String lastFailure;

	RedisCommandRunner(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, Clock clock) {
		this.connectionFactory = connectionFactory;
		this.timeoutNanos = settings.timeout().toNanos();
		this.breaker = new CircuitBreaker(settings.circuitBreaker(), clock);
		this.connector = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "cachet-redis-connect");
			thread.setDaemon(true);
			return thread;
		});
		// Connect ahead of the first call, in the background: a failure here only means a retry later.
		commands();
	}

	/**
	 * Sends a command and completes with its result, or exceptionally on timeout, connection
	 * failure, an error reply or an open circuit.
	 */
	<T> CompletableFuture<T> submit(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		if (!this.breaker.tryAcquirePermission()) {
			return CompletableFuture.failedFuture(new CircuitBreaker.OpenException("Redis circuit open"));
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		commands().whenComplete((redis, connectFailure) -> {
			if (connectFailure != null) {
				result.completeExceptionally(connectFailure);
				return;
			}
			RedisFuture<T> sent;
			try {
				sent = command.apply(redis);
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
				return;
			}
			sent.whenComplete((value, failure) -> complete(result, value, failure));
			// A command queued while disconnected must not run late, after the caller gave up.
			result.whenComplete((value, failure) -> sent.cancel(false));
		});
		// The caller sees the outcome only after the breaker has counted it.
		return result.orTimeout(this.timeoutNanos, TimeUnit.NANOSECONDS)
			.whenComplete((value, failure) -> record(failure));
	}

	/** Sends a command and waits for its result within the time budget. */
	<T> T call(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) throws Exception {
		try {
			return submit(command).get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof TimeoutException) {
				throw new TimeoutException("Redis: " + describe(cause));
			}
			throw (cause instanceof Exception exception) ? exception : ex;
		}
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/** What went wrong with the last call, or {@code null} if it succeeded. Never holds credentials. */
	String lastFailure() {
		return this.lastFailure;
	}

	private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
		if (failure != null) {
			result.completeExceptionally(failure);
		}
		else {
			result.complete(value);
		}
	}

	private void record(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause == null || cause instanceof RedisCommandExecutionException) {
			// The server answered, even if with an error: it is alive.
			this.breaker.recordSuccess();
			if (this.lastFailure != null) {
				this.lastFailure = null;
			}
		}
		else if (!(cause instanceof CircuitBreaker.OpenException)) {
			this.lastFailure = describe(cause);
			this.breaker.recordFailure();
		}
	}

	private String describe(Throwable failure) {
		if (failure instanceof TimeoutException) {
			return "no answer within " + Duration.ofNanos(this.timeoutNanos).toMillis() + " ms";
		}
		// Exception messages may carry connection URIs; the type name is enough here.
		return failure.getClass().getSimpleName();
	}

	private CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> commands() {
		CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> current = this.commands;
		if (current != null && !current.isCompletedExceptionally()) {
			return current;
		}
		synchronized (this) {
			if (this.commands == current) {
				this.commands = CompletableFuture.supplyAsync(this::connect, this.connector);
			}
			return this.commands;
		}
	}

	@SuppressWarnings("unchecked")
	private RedisClusterAsyncCommands<byte[], byte[]> connect() {
		RedisConnection connection = this.connectionFactory.getConnection();
		synchronized (this) {
			this.connection = connection;
		}
		return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
	}

	@Override
	public synchronized void close() {
		this.connector.shutdownNow();
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
	}

}
