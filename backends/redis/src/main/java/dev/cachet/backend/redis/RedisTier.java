package dev.cachet.backend.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.core.tier.TierAsyncReads;
import dev.cachet.core.tier.TierHealth;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis tier: envelopes as plain Redis strings with a PX expiry, shared by every application
 * instance.
 *
 * <p>It uses the application's {@link LettuceConnectionFactory}, so every {@code spring.data.redis.*}
 * setting (SSL, Sentinel, Cluster, credentials) applies. Each Redis command has a time budget and
 * feeds the {@link CircuitBreaker} of the server it goes to (on a cluster, the master of its key's
 * slot, so a dead master stops only its own slots); failures throw quickly and the tiered cache
 * treats them as misses. The budget does not count time this JVM could not run, and only failures the
 * server caused open a circuit.
 * Constructing the tier never connects, so the application starts while Redis is down.
 *
 * <p>Writes are awaited: when {@link #put} returns, Redis has acknowledged the SET, and the next
 * read from any connection to the master sees it.
 */
public final class RedisTier implements CacheTier {

	private static final Logger logger = LoggerFactory.getLogger(RedisTier.class);

	/** Keys per SCAN step and per UNLINK during {@link #clear}. */
	private static final int CLEAR_BATCH = 500;

	private final RedisKeys keys;

	private final RedisCommandRunner redis;

	private final String location;

	public RedisTier(LettuceConnectionFactory connectionFactory, RedisTierSettings settings) {
		this(connectionFactory, settings, Clock.systemUTC());
	}

	/** @param clock drives the circuit breaker's cool-down */
	public RedisTier(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, Clock clock) {
		this.keys = new RedisKeys(settings.keyPrefix());
		this.redis = new RedisCommandRunner(connectionFactory, settings, clock);
		this.location = describeLocation(connectionFactory);
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public String location() {
		return this.location;
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public Envelope get(String cache, String key) throws Exception {
		byte[] entryKey = this.keys.entry(cache, key);
		return parseOrDelete(entryKey, this.redis.call(entryKey, (commands) -> commands.get(entryKey)));
	}

	/** Reads with Lettuce's asynchronous commands, under the same time budget and circuits as {@link #get}. */
	@Override
	public Optional<TierAsyncReads> asyncReads() {
		return Optional.of(this::getAsync);
	}

	private CompletableFuture<Envelope> getAsync(String cache, String key) {
		byte[] entryKey = this.keys.entry(cache, key);
		return this.redis.submit(entryKey, (commands) -> commands.get(entryKey))
			.thenApply((bytes) -> parseOrDelete(entryKey, bytes));
	}

	@Override
	public void put(String cache, String key, Envelope envelope, Duration storageTtl) throws Exception {
		byte[] entryKey = this.keys.entry(cache, key);
		SetArgs expiry = SetArgs.Builder.px(Math.max(1, storageTtl.toMillis()));
		this.redis.call(entryKey, (commands) -> commands.set(entryKey, envelope.bytes(), expiry));
	}

	@Override
	public void evict(String cache, String key) throws Exception {
		byte[] entryKey = this.keys.entry(cache, key);
		this.redis.call(entryKey, (commands) -> commands.unlink(entryKey));
	}

	/**
	 * Removes a cache's entries with SCAN MATCH and UNLINK in batches; on a cluster, Lettuce scans
	 * every master and splits each UNLINK by hash slot. The time budget applies to each command.
	 */
	@Override
	public void clear(String cache) throws Exception {
		ScanArgs scan = ScanArgs.Builder.matches(this.keys.entryPattern(cache)).limit(CLEAR_BATCH);
		KeyScanCursor<byte[]> cursor = this.redis.call((commands) -> commands.scan(scan));
		while (true) {
			List<byte[]> found = cursor.getKeys();
			if (!found.isEmpty()) {
				byte[][] batch = found.toArray(new byte[0][]);
				this.redis.call((commands) -> commands.unlink(batch));
			}
			if (cursor.isFinished()) {
				return;
			}
			KeyScanCursor<byte[]> previous = cursor;
			cursor = this.redis.call((commands) -> commands.scan(previous, scan));
		}
	}

	/**
	 * Up, or down with the last failure, or circuit open; on a cluster, the worst of its masters',
	 * naming the masters concerned.
	 */
	@Override
	public TierHealth health() {
		return this.redis.circuits().health();
	}

	/** The worst state of the circuit breakers (one per master on a cluster), for metrics. */
	public CircuitBreaker.State circuitState() {
		return this.redis.circuits().worstState();
	}

	/** What the tier's Redis calls met so far: timeouts, refusals, failures, circuit openings. */
	public RedisCommandStatistics commandStatistics() {
		return this.redis.statistics();
	}

	@Override
	public void close() {
		this.redis.close();
	}

	private Envelope parseOrDelete(byte[] entryKey, byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return Envelope.parse(bytes);
		}
		catch (CorruptEnvelopeException ex) {
			logger.warn("Deleting corrupt Redis cache entry ({})", ex.getMessage());
			this.redis.submit(entryKey, (commands) -> commands.unlink(entryKey));
			return null;
		}
	}

	private static String describeLocation(LettuceConnectionFactory factory) {
		RedisClusterConfiguration cluster = factory.getClusterConfiguration();
		if (factory.isClusterAware() && cluster != null) {
			return "cluster " + nodes(cluster.getClusterNodes());
		}
		RedisSentinelConfiguration sentinel = factory.getSentinelConfiguration();
		if (factory.isRedisSentinelAware() && sentinel != null) {
			String master = (sentinel.getMaster() != null) ? sentinel.getMaster().getName() : "?";
			return "sentinel " + master + " " + nodes(sentinel.getSentinels());
		}
		RedisSocketConfiguration socket = factory.getSocketConfiguration();
		if (socket != null) {
			return "unix:" + socket.getSocket();
		}
		return (factory.isUseSsl() ? "rediss://" : "redis://") + factory.getHostName() + ":" + factory.getPort()
				+ ((factory.getDatabase() != 0) ? "/" + factory.getDatabase() : "");
	}

	private static String nodes(Collection<RedisNode> nodes) {
		return nodes.stream()
			.map((node) -> node.getHost() + ":" + node.getPort())
			.collect(Collectors.joining(",", "[", "]"));
	}

}
