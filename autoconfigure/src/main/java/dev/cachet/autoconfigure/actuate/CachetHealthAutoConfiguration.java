package dev.cachet.autoconfigure.actuate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCacheManager;

/**
 * A {@code cachet} health component reporting every configured tier (see
 * {@link CachetHealthIndicator}), when Boot's health support is on the class path and
 * {@code management.health.cachet.enabled} is not false.
 */
@AutoConfiguration(after = CachetAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnEnabledHealthIndicator("cachet")
@EnableConfigurationProperties(CachetHealthProperties.class)
public class CachetHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cachetHealthContributor")
	HealthContributor cachetHealthContributor(TieredCacheManager manager, CachetHealthProperties properties) {
		return new CachetHealthIndicator(manager.tiers()
			.values()
			.stream()
			.map(binding -> new TierHealthIndicator(binding, properties.isAffectsStatus()))
			.toList());
	}

}
