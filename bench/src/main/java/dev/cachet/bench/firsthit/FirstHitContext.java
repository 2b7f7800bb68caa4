package dev.cachet.bench.firsthit;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.sample.AisRepository;

/** The sample app's AIS loader and the smaller values, under Cachet's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@ImportAutoConfiguration(CachetAutoConfiguration.class)
public class FirstHitContext {

	@Bean
	AisRepository aisRepository() {
		return new AisRepository();
	}

	@Bean
	FirstHitValues firstHitValues(AisRepository aisRepository) {
		return new FirstHitValues(aisRepository);
	}

}
