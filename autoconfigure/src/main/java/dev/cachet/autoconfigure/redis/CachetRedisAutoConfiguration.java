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
import dev.cachet.autoconfigure.ConditionalOnCachetTier;
import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.backend.redis.RedisInvalidationBus;
import dev.cachet.backend.redis.RedisKeyLease;
import dev.cachet.backend.redis.RedisTier;
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
@ConditionalOnCachetTier("redis")
@EnableConfigurationProperties(CachetRedisProperties.class)
public class CachetRedisAutoConfiguration {

	/** The beans proper, on the application's one Lettuce connection factory. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSingleCandidate(LettuceConnectionFactory.class)
	static class OnLettuce {

		@Bean
		TierRegistration cachetRedisTier(CachetRedisProperties properties, LettuceConnectionFactory connectionFactory) {
			return new TierRegistration("redis", new RedisTier(connectionFactory, properties.toSettings()),
					properties.getMaxAge());
		}

		@Bean
		@ConditionalOnMissingBean(KeyLease.class)
		@ConditionalOnProperty(name = "cachet.redis.lease.enabled", matchIfMissing = true)
		RedisKeyLease cachetRedisKeyLease(CachetRedisProperties properties,
				LettuceConnectionFactory connectionFactory) {
			return new RedisKeyLease(connectionFactory, properties.toSettings(), properties.getLease().getTime());
		}

		@Bean
		@ConditionalOnMissingBean(InvalidationBus.class)
		@ConditionalOnProperty(name = "cachet.redis.invalidation.enabled", matchIfMissing = true)
		RedisInvalidationBus cachetRedisInvalidationBus(CachetRedisProperties properties,
				LettuceConnectionFactory connectionFactory) {
			return new RedisInvalidationBus(connectionFactory, properties.toSettings());
		}

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
