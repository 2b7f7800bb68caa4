package dev.cachet.bench.spring;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;

/** An application with Cachet's auto-configuration; run with {@code cachet.tiers=memory}. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@ImportAutoConfiguration(CachetAutoConfiguration.class)
public class CachetContext {

	@Bean
	Greetings greetings() {
		return new Greetings();
	}

}
