package dev.cachet.bench.scenario;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.backend.redis.RedisTier;
import dev.cachet.backend.redis.RedisTierSettings;
import dev.cachet.bench.support.BenchRedis;

/**
 * Offers the Redis tier to Cachet's cache manager as {@code redis}, on the benchmark's Redis
 * server, with a time budget long enough for a value of several megabytes.
 */
@Configuration(proxyBeanMethods = false)
public class BenchRedisTierConfiguration {

	@Bean
	LettuceConnectionFactory benchRedisConnectionFactory() {
		return BenchRedis.connectionFactory();
	}

	@Bean
	TierRegistration benchRedisTier(LettuceConnectionFactory connectionFactory) {
		return new TierRegistration("redis",
				new RedisTier(connectionFactory, RedisTierSettings.DEFAULTS.withTimeout(Duration.ofSeconds(5))), null);
	}

}
