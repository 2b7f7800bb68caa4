package dev.cachet.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCacheManager;

/**
 * A {@code cachet} health component with one child per shared tier (Redis, S3), when Boot's health
 * support is on the class path and {@code management.health.cachet.enabled} is not false. Local
 * tiers (memory, disk) have no health of their own: they fail with the application.
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
		Map<String, HealthContributor> tiers = new LinkedHashMap<>();
		for (TierBinding binding : manager.tiers().values()) {
			if (binding.tier().shared()) {
				tiers.put(binding.name(), new TierHealthIndicator(binding, properties.isAffectsStatus()));
			}
		}
		return CompositeHealthContributor.fromMap(tiers);
	}

}
