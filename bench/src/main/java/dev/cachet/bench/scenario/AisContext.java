package dev.cachet.bench.scenario;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.sample.AisRepository;

/** The sample app's cached AIS loader under Cachet's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@ImportAutoConfiguration(CachetAutoConfiguration.class)
public class AisContext {

	@Bean
	AisRepository aisRepository() {
		return new AisRepository();
	}

}
