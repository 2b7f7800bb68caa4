package dev.cachet.backend.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.cachet.core.envelope.Producer;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.testsupport.RedisServer;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Connection factories and envelopes for the Redis tests; every factory is closed by {@link #close}. */
final class TestRedis implements AutoCloseable {

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private final List<ClientResources> resources = new ArrayList<>();

	/** A separate connection factory, as another application instance would have. */
	LettuceConnectionFactory factory(RedisServer redis) {
		return factory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
	}

	LettuceConnectionFactory factory(RedisConfiguration configuration) {
		return factory(configuration, LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
	}

	/**
	 * A factory whose connections are named {@code name} (as {@code CLIENT LIST} shows them) and wait
	 * {@code reconnectDelay} before each reconnection attempt, so that a test can keep them away
	 * for a known time after killing them.
	 */
	LettuceConnectionFactory slowReconnectingFactory(RedisServer redis, String name, Duration reconnectDelay) {
		return slowReconnectingFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()), name,
				reconnectDelay);
	}

	/** Like {@link #slowReconnectingFactory(RedisServer, String, Duration)}, for any configuration. */
	LettuceConnectionFactory slowReconnectingFactory(RedisConfiguration configuration, String name,
			Duration reconnectDelay) {
		ClientResources resources = DefaultClientResources.builder()
			.reconnectDelay(Delay.constant(reconnectDelay))
			.build();
		this.resources.add(resources);
		return factory(configuration,
				LettuceClientConfiguration.builder()
					.commandTimeout(Duration.ofSeconds(5))
					.clientName(name)
					.clientResources(resources)
					.build());
	}

	private LettuceConnectionFactory factory(RedisConfiguration configuration, LettuceClientConfiguration client) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration, client);
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return factory;
	}

	/** A factory for a port nobody listens on. */
	LettuceConnectionFactory deadFactory() {
		return factory(new RedisStandaloneConfiguration("127.0.0.1", 1));
	}

	static Envelope envelope(String payload) {
		byte[] bytes = RedisKeys.bytes(payload);
		EntryMetadata metadata = new EntryMetadata(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(1),
				Duration.ofMillis(3), new Producer(Producer.Kind.CACHEABLE, "com.acme.Svc#load(java.lang.String)", "fp"), "");
		return Envelope.create("test", false, false, metadata, bytes, 0, bytes.length);
	}

	static RedisTierSettings settings(String prefix) {
		return RedisTierSettings.DEFAULTS.withKeyPrefix(prefix).withTimeout(Duration.ofSeconds(2));
	}

	@Override
	public void close() {
		this.factories.forEach(LettuceConnectionFactory::destroy);
		this.resources.forEach(ClientResources::shutdown);
	}

}
