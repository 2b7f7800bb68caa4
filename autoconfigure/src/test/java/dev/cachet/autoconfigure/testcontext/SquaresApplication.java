package dev.cachet.autoconfigure.testcontext;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

import dev.cachet.autoconfigure.CachetAutoConfiguration;

/** The application under the TestContext tests: Cachet and Boot's cache auto-configuration only. */
@SpringBootConfiguration
@ImportAutoConfiguration({ CachetAutoConfiguration.class, CacheAutoConfiguration.class })
@EnableCaching
public class SquaresApplication {

	@Bean
	Squares squares() {
		return new Squares();
	}

}
