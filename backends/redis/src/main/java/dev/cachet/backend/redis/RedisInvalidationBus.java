package dev.cachet.backend.redis;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.cachet.core.tier.InvalidationBus;
import io.lettuce.core.RedisCommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Tells the other application instances about evictions and clears, and lets an instance catch up
 * on those it missed while it was disconnected.
 *
 * <p>Each eviction or clear is appended to a Redis Stream that keeps the latest ones
 * ({@code prefix + "invalidation-history"}, about {@code history} entries) and announced on a pub/sub
 * channel ({@code prefix + "invalidation"}), both by one script: one round trip. Announcements are
 * the fast path; the history is what makes them complete. Each announcement names the entry before
 * it, so an instance notices any it did not hear, and after every resubscription it reads the
 * history from the last entry it applied ({@link InvalidationCatchUp}). Only when that entry is gone
 * (the history was trimmed past it, or Redis lost the stream) do listeners get
 * {@link Listener#messagesLost()}.
 *
 * <p>Each message carries this instance's random id, so an instance ignores its own. Never throws
 * to the caller.
 */
public final class RedisInvalidationBus implements InvalidationBus, AutoCloseable {

	/** Evictions and clears kept in Redis for instances that were disconnected, unless told otherwise. */
	public static final int DEFAULT_HISTORY = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(RedisInvalidationBus.class);

	private final String instanceId = UUID.randomUUID().toString();

	private final RedisCommandRunner redis;

	private final InvalidationLog log;

	private final InvalidationCatchUp catchUp;

	private final RedisSubscription subscription;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final AtomicBoolean refusalWarned = new AtomicBoolean();

	public RedisInvalidationBus(LettuceConnectionFactory connectionFactory, RedisTierSettings settings) {
		this(connectionFactory, settings, DEFAULT_HISTORY);
	}

	/** @param history how many of the latest evictions and clears Redis keeps, at least */
	public RedisInvalidationBus(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, int history) {
		this(connectionFactory, settings, history, Clock.systemUTC());
	}

	/**
	 * @param history how many of the latest evictions and clears Redis keeps, at least
	 * @param clock   drives the circuit breaker's cool-down
	 */
	public RedisInvalidationBus(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, int history,
			Clock clock) {
		if (history < 1) {
			throw new IllegalArgumentException("history must be at least 1, was " + history);
		}
		RedisKeys keys = new RedisKeys(settings.keyPrefix());
		this.redis = new RedisCommandRunner(connectionFactory, settings, clock);
		this.log = new InvalidationLog(this.redis, keys, history);
		this.catchUp = new InvalidationCatchUp(this.log, this.instanceId, this::apply,
				() -> notifyListeners(Listener::messagesLost));
		this.subscription = new RedisSubscription(connectionFactory, keys.invalidationChannel(), this::received,
				this.catchUp::subscribed);
		this.subscription.start();
	}

	@Override
	public void publishEvict(String cache, String key) {
		publish(InvalidationMessage.evict(this.instanceId, cache, key));
	}

	@Override
	public void publishClear(String cache) {
		publish(InvalidationMessage.clear(this.instanceId, cache));
	}

	@Override
	public void subscribe(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Whether the subscription is in place and this instance knows its position in the history, so
	 * that from now on it misses nothing unnoticed (for health and tests).
	 */
	public boolean isListening() {
		return this.subscription.isSubscribed() && this.catchUp.hasPosition();
	}

	@Override
	public void close() {
		this.subscription.close();
		this.catchUp.close();
		this.redis.close();
	}

	private void publish(InvalidationMessage message) {
		this.log.append(message).whenComplete((id, failure) -> {
			if (failure == null) {
				return;
			}
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause instanceof RedisCommandExecutionException refused
					&& this.refusalWarned.compareAndSet(false, true)) {
				// Redis answered, so this is no outage: it cannot run the script (before 5.0, or EVAL not allowed)
				logger.warn("Redis refused to record a cache invalidation ({}): other instances will not hear of "
						+ "evictions. Cachet needs Redis 5 or later, with EVAL and stream commands allowed for its user",
						refused.getMessage());
			}
			else {
				logger.debug("Could not publish a cache invalidation", failure);
			}
		});
	}

	private void received(byte[] body) {
		InvalidationMessage.Notice notice = InvalidationMessage.Notice.parse(body);
		if (notice == null) {
			logger.debug("Ignoring an invalidation message this release cannot read");
			return;
		}
		if (!notice.message().sender().equals(this.instanceId)) {
			apply(notice.message());
		}
		if (notice.id() != null) {
			// after applying it: the position only ever moves past applied entries
			this.catchUp.announced(notice.previous(), notice.id());
		}
	}

	private void apply(InvalidationMessage message) {
		String cache = message.cache();
		switch (message.type()) {
			case EVICT -> notifyListeners((listener) -> listener.evicted(cache, message.key()));
			case CLEAR -> notifyListeners((listener) -> listener.cleared(cache));
			case MARKER -> {
				// a position in the history, nothing to apply
			}
		}
	}

	private void notifyListeners(Consumer<Listener> notification) {
		for (Listener listener : this.listeners) {
			try {
				notification.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Cache invalidation listener failed", ex);
			}
		}
	}

}
