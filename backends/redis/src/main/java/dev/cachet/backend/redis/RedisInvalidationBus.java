package dev.cachet.backend.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.cachet.core.tier.InvalidationBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Tells the other application instances about evictions and clears over a Redis pub/sub channel
 * ({@code prefix + "invalidation"}). Each message carries this instance's random id, so an
 * instance ignores its own. After the subscription was lost and restored (or could not be set up
 * at first), listeners get {@link Listener#messagesLost()}. Never throws to the caller.
 *
 * <p>Message: {@code E|C}, instance id, key id (empty for a clear) and cache name, separated by
 * line feeds; the cache name comes last, so it may hold any character.
 */
public final class RedisInvalidationBus implements InvalidationBus, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisInvalidationBus.class);

	private static final String SEPARATOR = "\n";

	private final String instanceId = UUID.randomUUID().toString();

	private final byte[] channel;

	private final RedisCommandRunner redis;

	private final RedisSubscription subscription;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	public RedisInvalidationBus(LettuceConnectionFactory connectionFactory, RedisTierSettings settings) {
		this(connectionFactory, settings, Clock.systemUTC());
	}

	/** @param clock drives the circuit breaker's cool-down */
	public RedisInvalidationBus(LettuceConnectionFactory connectionFactory, RedisTierSettings settings, Clock clock) {
		this.channel = new RedisKeys(settings.keyPrefix()).invalidationChannel();
		this.redis = new RedisCommandRunner(connectionFactory, settings, clock);
		this.subscription = new RedisSubscription(connectionFactory, this.channel, this::received,
				() -> notifyListeners(Listener::messagesLost));
		this.subscription.start();
	}

	@Override
	public void publishEvict(String cache, String key) {
		publish("E", key, cache);
	}

	@Override
	public void publishClear(String cache) {
		publish("C", "", cache);
	}

	@Override
	public void subscribe(Listener listener) {
		this.listeners.add(listener);
	}

	/** Whether the subscription is in place (for health and tests). */
	public boolean isListening() {
		return this.subscription.isSubscribed();
	}

	@Override
	public void close() {
		this.subscription.close();
		this.redis.close();
	}

	private void publish(String type, String key, String cache) {
		byte[] message = String.join(SEPARATOR, type, this.instanceId, key, cache).getBytes(StandardCharsets.UTF_8);
		this.redis.submit((commands) -> commands.publish(this.channel, message)).whenComplete((receivers, failure) -> {
			if (failure != null) {
				logger.debug("Could not publish a cache invalidation", failure);
			}
		});
	}

	private void received(byte[] body) {
		String[] fields = new String(body, StandardCharsets.UTF_8).split(SEPARATOR, 4);
		if (fields.length != 4 || fields[1].equals(this.instanceId)) {
			return;
		}
		String key = fields[2];
		String cache = fields[3];
		switch (fields[0]) {
			case "E" -> notifyListeners((listener) -> listener.evicted(cache, key));
			case "C" -> notifyListeners((listener) -> listener.cleared(cache));
			default -> logger.debug("Ignoring unknown invalidation message type {}", fields[0]);
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
