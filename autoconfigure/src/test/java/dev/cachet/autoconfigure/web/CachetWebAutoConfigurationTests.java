package dev.cachet.autoconfigure.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CachetWebAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
				CachetWebAutoConfiguration.class, CachetDashboardAutoConfiguration.class))
		.withUserConfiguration(CachingEnabled.class)
		.withPropertyValues("cachet.tiers=memory");

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	@Test
	void cacheControlIsIgnoredByDefault() {
		runner.run(context -> assertThat(context).doesNotHaveBean("cachetCacheControlFilter"));
	}

	@Test
	void cacheControlFilterWhenEnabled() {
		runner.withPropertyValues("cachet.web.honor-cache-control=true")
			.run(context -> assertThat(context).hasBean("cachetCacheControlFilter"));
	}

	@Test
	void dashboardIsOffByDefault() {
		runner.run(context -> assertThat(context).doesNotHaveBean("cachetDashboardRoute"));
	}

	@Test
	void dashboardWhenEnabled() {
		runner.withPropertyValues("cachet.dashboard.enabled=true")
			.run(context -> assertThat(context).hasBean("cachetDashboardRoute"));
	}

	@Test
	void nothingOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
					CachetWebAutoConfiguration.class, CachetDashboardAutoConfiguration.class))
			.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("cachet.tiers=memory", "cachet.web.honor-cache-control=true",
					"cachet.dashboard.enabled=true")
			.run(context -> {
				assertThat(context).doesNotHaveBean("cachetCacheControlFilter");
				assertThat(context).doesNotHaveBean("cachetDashboardRoute");
			});
	}

}
