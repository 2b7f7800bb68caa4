package dev.cachet.bench.scenario;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.sample.AisRepository;

/** The sample app's cached AIS loader under Boot's cache auto-configuration; run with {@code spring.cache.type=caffeine}. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@ImportAutoConfiguration(CacheAutoConfiguration.class)
public class AisCaffeineContext {

	@Bean
	AisRepository aisRepository() {
		return new AisRepository();
	}

}
