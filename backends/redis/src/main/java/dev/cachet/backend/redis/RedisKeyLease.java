package dev.cachet.backend.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cachet.core.tier.KeyLease;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A per-key lease across application instances: {@code SET NX PX} with a random token; only the
 * owner releases it (a Lua compare-and-delete), which also publishes a release notice.
 *
 * <p>Waiters do not poll: one subscription per instance wakes the local waiters of a key when its
 * release notice arrives. A waiter also wakes when the lease's remaining time (PTTL) has passed, so
 * a holder that died costs at most the lease time. Fails open: with Redis down,
 * {@link #tryAcquire} returns an acquired handle that does nothing, and {@link #awaitRelease}
 * returns at once.
 */
public final class RedisKeyLease implements KeyLease, AutoCloseable {

	/** The lease time when none is given: long enough for most computations, short enough to survive a crash. */
	public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(RedisKeyLease.class);

	/** Deletes the lease only if the caller's token still holds it, then tells the waiters. */
	private static final String RELEASE_SCRIPT = """
			if redis.call('get', KEYS[1]) == ARGV[1] then
				redis.call('del', KEYS[1])
				redis.call('publish', ARGV[2], KEYS[1])
				return 1
			end
			return 0
			""";

	/** Slack after the lease's expiry before a waiter checks again, for clock granularity. */
	private static final long EXPIRY_SLACK_MILLIS = 20;

	/**
	 * Longest sleep between two looks at the lease. Bounds how long a waiter stays blocked when Redis
	 * dies during its wait (the next look fails, and the waiter computes).
	 */
	private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private static final Handle NOT_ACQUIRED = new NoOpHandle(false);

	private static final Handle FAILED_OPEN = new NoOpHandle(true);

	private final Duration leaseTime;

	private final RedisKeys keys;

	private final RedisCommandRunner redis;

	private final RedisSubscription releases;

	private final ConcurrentHashMap<String, Waiters> waiters = new ConcurrentHashMap<>();

	public RedisKeyLease(LettuceConnectionFactory connectionFactory, RedisTierSettings settings) {
		this(connectionFactory, settings, DEFAULT_LEASE_TIME);
	}

	/** @param leaseTime how long a lease lasts if its holder dies, reported by {@link #leaseTime()} */
	public RedisKeyLease(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, Duration leaseTime) {
		this(connectionFactory, settings, leaseTime, Clock.systemUTC());
	}

	/**
	 * @param leaseTime how long a lease lasts if its holder dies, reported by {@link #leaseTime()}
	 * @param clock     drives the circuit breaker's cool-down
	 */
	public RedisKeyLease(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, Duration leaseTime,
			Clock clock) {
		if (leaseTime == null || leaseTime.isNegative() || leaseTime.isZero()) {
			throw new IllegalArgumentException("leaseTime must be positive");
		}
		this.leaseTime = leaseTime;
		this.keys = new RedisKeys(settings.keyPrefix());
		this.redis = new RedisCommandRunner(connectionFactory, settings, clock);
		// Lost notices only make waiters wait for the lease's expiry: nothing to do on loss.
		this.releases = new RedisSubscription(connectionFactory, this.keys.leaseReleasedChannel(), this::released,
				() -> {
				});
		this.releases.start();
	}

	/** The configured lease time, which the tiered cache uses for every lease and wait. */
	@Override
	public Duration leaseTime() {
		return this.leaseTime;
	}

	@Override
	public Handle tryAcquire(String cache, String key, Duration leaseTime) {
		byte[] leaseKey = this.keys.lease(cache, key);
		byte[] token = RedisKeys.bytes(UUID.randomUUID().toString());
		SetArgs args = SetArgs.Builder.nx().px(Math.max(1, leaseTime.toMillis()));
		try {
			String reply = this.redis.call(leaseKey, (commands) -> commands.set(leaseKey, token, args));
			return "OK".equals(reply) ? new OwnedHandle(leaseKey, token) : NOT_ACQUIRED;
		}
		catch (Exception ex) {
			logger.debug("Redis lease unavailable, computing without it", ex);
			return FAILED_OPEN;
		}
	}

	@Override
	public boolean awaitRelease(String cache, String key, Duration maxWait) throws InterruptedException {
		byte[] leaseKeyBytes = this.keys.lease(cache, key);
		String leaseKey = new String(leaseKeyBytes, StandardCharsets.UTF_8);
		long deadline = System.nanoTime() + maxWait.toNanos();
		// Registered before looking at the lease, so a release in between is not missed.
		Waiters registration = this.waiters.compute(leaseKey, (k, current) -> {
			Waiters entry = (current != null) ? current : new Waiters();
			entry.count++;
			return entry;
		});
		try {
			while (true) {
				long remainingMillis;
				try {
					remainingMillis = this.redis.call(leaseKeyBytes, (commands) -> commands.pttl(leaseKeyBytes));
				}
				catch (Exception ex) {
					return true;
				}
				if (remainingMillis == -2) {
					return true;
				}
				long leftNanos = deadline - System.nanoTime();
				if (leftNanos <= 0) {
					return false;
				}
				long waitNanos = (remainingMillis >= 0)
						? Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(remainingMillis + EXPIRY_SLACK_MILLIS))
						: leftNanos;
				// Look again now and then: if Redis dies meanwhile, the release notice is lost.
				waitNanos = Math.min(waitNanos, RECHECK_NANOS);
				if (registration.released.await(waitNanos, TimeUnit.NANOSECONDS)) {
					return true;
				}
			}
		}
		finally {
			this.waiters.computeIfPresent(leaseKey, (k, current) -> (current == registration && --current.count == 0)
					? null : current);
		}
	}

	/** Whether the release-notice subscription is in place (for health and tests). */
	public boolean isListening() {
		return this.releases.isSubscribed();
	}

	@Override
	public void close() {
		this.releases.close();
		this.redis.close();
	}

	private void released(byte[] leaseKey) {
		Waiters released = this.waiters.remove(new String(leaseKey, StandardCharsets.UTF_8));
		if (released != null) {
			released.released.countDown();
		}
	}

	/** The local waiters of one key; {@code count} only changes inside the map's atomic compute. */
	private static final class Waiters {

		final CountDownLatch released = new CountDownLatch(1);

		int count;

	}

	private final class OwnedHandle implements Handle {

		private final byte[] leaseKey;

		private final byte[] token;

		OwnedHandle(byte[] leaseKey, byte[] token) {
			this.leaseKey = leaseKey;
			this.token = token;
		}

		@Override
		public boolean acquired() {
			return true;
		}

		@Override
		public void close() {
			byte[] channel = RedisKeyLease.this.keys.leaseReleasedChannel();
			try {
				RedisKeyLease.this.redis.call(this.leaseKey, (commands) -> commands.<Long>eval(RELEASE_SCRIPT,
						ScriptOutputType.INTEGER, new byte[][] { this.leaseKey }, this.token, channel));
			}
			catch (Exception ex) {
				// The lease expires by itself; waiters wake at its expiry.
				logger.debug("Could not release Redis lease", ex);
			}
		}

	}

	private record NoOpHandle(boolean acquired) implements Handle {

		@Override
		public void close() {
		}

	}

}
