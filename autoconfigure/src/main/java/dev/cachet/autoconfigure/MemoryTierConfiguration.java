package dev.cachet.autoconfigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.memory.MemoryTier;

/** The in-memory tier, when a cache uses it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCachetTier("memory")
class MemoryTierConfiguration {

	@Bean
	TierRegistration cachetMemoryTier(CachetProperties properties) {
		CachetProperties.Memory memory = properties.getMemory();
		CachetPropertiesValidator.validateMemory(memory);
		MemoryTier tier = new MemoryTier(memory.getMaxSize().toBytes(), memory.isCopyOnRead());
		return new TierRegistration("memory", tier, memory.getMaxAge());
	}

}
