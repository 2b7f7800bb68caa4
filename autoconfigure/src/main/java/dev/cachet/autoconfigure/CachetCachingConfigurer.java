package dev.cachet.autoconfigure;

import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.KeyGenerator;

import dev.cachet.core.key.CachetKeyGenerator;

/** Makes Cachet's code-aware key generator the default for {@code @Cacheable} and friends. */
class CachetCachingConfigurer implements CachingConfigurer {

	private final CachetKeyGenerator keyGenerator;

	CachetCachingConfigurer(CachetKeyGenerator keyGenerator) {
		this.keyGenerator = keyGenerator;
	}

	@Override
	public KeyGenerator keyGenerator() {
		return keyGenerator;
	}

}
