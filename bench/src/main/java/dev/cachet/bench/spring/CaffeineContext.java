package dev.cachet.bench.spring;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An application with Boot's cache auto-configuration; run with {@code spring.cache.type=caffeine}. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@ImportAutoConfiguration(CacheAutoConfiguration.class)
public class CaffeineContext {

	@Bean
	Greetings greetings() {
		return new Greetings();
	}

}
