package dev.cachet.backend.redis;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.cachet.core.tier.CircuitBreaker;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs Lettuce commands on the application's Redis connection within a time budget, each guarded by
 * the circuit breaker of the server it goes to ({@link NodeCircuits}: per master on a cluster).
 *
 * <p>Every call fails after its budget at the latest, including the first connection attempt, which
 * runs on a background thread so no caller (and no constructor) ever blocks on a dead or unreachable
 * server. Once connected, the Lettuce connection reconnects by itself. The budget does not count
 * time this JVM was stalled, and only failures the server caused count against a circuit
 * ({@link CommandCall}). Open circuit: calls fail at once without touching Redis.
 */
final class RedisCommandRunner implements AutoCloseable {

	private final LettuceConnectionFactory connectionFactory;

	private final CallTiming timing;

	private final NodeCircuits circuits;

	private final ClientStalls stalls;

	private final ExecutorService connector;

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder refusals = new LongAdder();

	private final LongAdder serverFailures = new LongAdder();

	private volatile CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> commands;

	private RedisConnection connection;

	RedisCommandRunner(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, Clock clock) {
		this(connectionFactory, settings, clock, ClientStalls.acquire());
	}

	/** @param stalls the JVM's stall meter, released on {@link #close()} */
	RedisCommandRunner(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, Clock clock,
			ClientStalls stalls) {
		this.connectionFactory = connectionFactory;
		this.timing = new CallTiming(settings.timeout().toNanos(), settings.answerTimeout().toNanos());
		this.circuits = new NodeCircuits(settings.circuitBreaker(), clock);
		this.stalls = stalls;
		this.connector = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "cachet-redis-connect");
			thread.setDaemon(true);
			return thread;
		});
		// Connect ahead of the first call, in the background: a failure here only means a retry later.
		commands();
	}

	/**
	 * Sends a command without one key (or one whose key does not decide where it runs) and completes
	 * with its result, or exceptionally on timeout, connection failure, an error reply or an open
	 * circuit.
	 */
	<T> CompletableFuture<T> submit(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		return submit(null, command);
	}

	/**
	 * Sends a command about one key, guarded by the circuit of the server that holds the key.
	 * @param routeKey the command's key, or {@code null} for a command without one
	 */
	<T> CompletableFuture<T> submit(byte[] routeKey,
			Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		NodeCircuit circuit = this.circuits.forKey(routeKey);
		if (!circuit.breaker().tryAcquirePermission()) {
			this.refusals.increment();
			return CompletableFuture.failedFuture(new CircuitBreaker.OpenException("Redis circuit open"));
		}
		CommandCall<T> call = new CommandCall<>(this, circuit, routeKey);
		commands().whenComplete((redis, connectFailure) -> call.send(redis, connectFailure, command));
		return call.result();
	}

	/** Sends a command without one key and waits for its result within the time budget. */
	<T> T call(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) throws Exception {
		return call(null, command);
	}

	/** Sends a command about one key and waits for its result within the time budget. */
	<T> T call(byte[] routeKey, Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command)
			throws Exception {
		try {
			return submit(routeKey, command).get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof TimeoutException) {
				throw new TimeoutException(
						"Redis: no answer within " + TimeUnit.NANOSECONDS.toMillis(this.timing.budgetNanos()) + " ms");
			}
			throw (cause instanceof Exception exception) ? exception : ex;
		}
	}

	NodeCircuits circuits() {
		return this.circuits;
	}

	/** What the calls met so far. */
	RedisCommandStatistics statistics() {
		return new RedisCommandStatistics(this.timeouts.sum(), this.refusals.sum(), this.serverFailures.sum(),
				this.circuits.openings());
	}

	CallTiming timing() {
		return this.timing;
	}

	ClientStalls stalls() {
		return this.stalls;
	}

	void timedOut() {
		this.timeouts.increment();
	}

	void serverFailed(NodeCircuit circuit, String failure) {
		this.serverFailures.increment();
		circuit.failed(failure);
	}

	/**
	 * Asks the server of a circuit for a sign of life that nobody cancels before the answer timeout
	 * (EXISTS on the key, which goes where the key lives, or PING), unless one is already on its way
	 * or there is no connection to ask on.
	 */
	void probe(NodeCircuit circuit, byte[] routeKey) {
		CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> connected = this.commands;
		if (connected == null || !connected.isDone() || connected.isCompletedExceptionally() || !circuit.startProbe()) {
			return;
		}
		RedisFuture<?> probe;
		try {
			RedisClusterAsyncCommands<byte[], byte[]> redis = connected.join();
			probe = (routeKey != null) ? redis.exists(routeKey) : redis.ping();
		}
		catch (RuntimeException ex) {
			circuit.probeDone();
			return;
		}
		probe.whenComplete((value, failure) -> {
			if (failure == null || failure instanceof RedisCommandExecutionException) {
				circuit.heard(System.nanoTime());
			}
			circuit.probeDone();
		});
		CommandCall.schedule(() -> probe.cancel(false), this.timing.answerTimeoutNanos());
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
		Object commands = connection.getNativeConnection();
		if (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
			this.circuits.useTopology(cluster.getStatefulConnection().getPartitions());
		}
		return (RedisClusterAsyncCommands<byte[], byte[]>) commands;
	}

	@Override
	public synchronized void close() {
		this.connector.shutdownNow();
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
		ClientStalls.release(this.stalls);
	}

}
