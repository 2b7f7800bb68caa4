package dev.cachet.autoconfigure.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.CachetConfigurationException;
import dev.cachet.autoconfigure.CachetPropertiesValidator;
import dev.cachet.autoconfigure.ConditionalOnAutomaticCacheType;
import dev.cachet.autoconfigure.ConditionalOnCachetTier;
import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.backend.redis.RedisInvalidationBus;
import dev.cachet.backend.redis.RedisKeyLease;
import dev.cachet.backend.redis.RedisTier;
import dev.cachet.backend.redis.RedisTierSettings;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.KeyLease;

/**
 * The Redis tier, with the cross-instance key lease and invalidation bus, when a cache uses the
 * {@code redis} tier. It runs on the application's {@link LettuceConnectionFactory}, so every
 * {@code spring.data.redis.*} setting applies. Nothing here connects: the application starts while
 * Redis is down, and the tier reports it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		before = CachetAutoConfiguration.class)
@ConditionalOnClass({ RedisTier.class, LettuceConnectionFactory.class, CacheManager.class })
@ConditionalOnBean(CacheAspectSupport.class)
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@ConditionalOnAutomaticCacheType
@ConditionalOnCachetTier("redis")
@EnableConfigurationProperties(CachetRedisProperties.class)
public class CachetRedisAutoConfiguration {

	/** The beans proper, on the application's one Lettuce connection factory. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSingleCandidate(LettuceConnectionFactory.class)
	static class OnLettuce {

		@Bean
		RedisTierSettings cachetRedisTierSettings(CachetRedisProperties properties) {
			return settings(properties);
		}

		@Bean
		TierRegistration cachetRedisTier(CachetRedisProperties properties, RedisTierSettings settings,
				LettuceConnectionFactory connectionFactory) {
			return new TierRegistration("redis", new RedisTier(connectionFactory, settings), properties.getMaxAge());
		}

		@Bean
		@ConditionalOnMissingBean(KeyLease.class)
		@ConditionalOnProperty(name = "cachet.redis.lease.enabled", matchIfMissing = true)
		RedisKeyLease cachetRedisKeyLease(CachetRedisProperties properties, RedisTierSettings settings,
				LettuceConnectionFactory connectionFactory) {
			return new RedisKeyLease(connectionFactory, settings, properties.getLease().getTime());
		}

		@Bean
		@ConditionalOnMissingBean(InvalidationBus.class)
		@ConditionalOnProperty(name = "cachet.redis.invalidation.enabled", matchIfMissing = true)
		RedisInvalidationBus cachetRedisInvalidationBus(CachetRedisProperties properties, RedisTierSettings settings,
				LettuceConnectionFactory connectionFactory) {
			int history = properties.getInvalidation().getHistory();
			if (history < 1) {
				throw new CachetConfigurationException("cachet.redis.invalidation.history",
						"must be at least 1, was " + history,
						"set how many recent evictions Redis keeps for disconnected instances, such as 10000");
			}
			return new RedisInvalidationBus(connectionFactory, settings, history);
		}

	}

	/**
	 * The settings the tier, lease and bus share, from {@code cachet.redis.*}, refusing bad values
	 * with a message that names the property.
	 */
	static RedisTierSettings settings(CachetRedisProperties properties) {
		if (properties.getKeyPrefix() == null || properties.getKeyPrefix().isEmpty()) {
			throw new CachetConfigurationException("cachet.redis.key-prefix", "must not be empty",
					"set a prefix such as cachet: or myapp:cachet:");
		}
		CachetPropertiesValidator.requirePositive("cachet.redis.timeout", properties.getTimeout());
		CachetPropertiesValidator.requirePositive("cachet.redis.max-age", properties.getMaxAge());
		CachetRedisProperties.CircuitBreaker breaker = properties.getCircuitBreaker();
		CachetPropertiesValidator.requireFailureThreshold("cachet.redis.circuit-breaker.failure-threshold",
				breaker.getFailureThreshold());
		CachetPropertiesValidator.requirePositive("cachet.redis.circuit-breaker.cool-down", breaker.getCoolDown());
		CachetPropertiesValidator.requirePositive("cachet.redis.circuit-breaker.answer-timeout",
				breaker.getAnswerTimeout());
		CachetPropertiesValidator.requirePositive("cachet.redis.lease.time", properties.getLease().getTime());
		return new RedisTierSettings(properties.getKeyPrefix(), properties.getTimeout(), breaker.getFailureThreshold(),
				breaker.getCoolDown(), breaker.getAnswerTimeout());
	}

	/** Jedis, or no Redis starter at all: the tier cannot work, so start-up stops with the fix. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(LettuceConnectionFactory.class)
	static class WithoutLettuce {

		@Bean
		TierRegistration cachetRedisTier() {
			throw new CachetConfigurationException("cachet.tiers",
					"names the redis tier, but the application has no LettuceConnectionFactory bean",
					"add spring-boot-starter-data-redis with its default Lettuce client (not Jedis) and configure "
							+ "spring.data.redis.*, or remove redis from cachet.tiers");
		}

	}

}
