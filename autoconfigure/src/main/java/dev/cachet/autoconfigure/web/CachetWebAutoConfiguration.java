package dev.cachet.autoconfigure.web;

import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCacheManager;

/**
 * The servlet filter that honours a request's {@code Cache-Control}, when
 * {@code cachet.web.honor-cache-control=true} in a servlet web application using Cachet.
 */
@AutoConfiguration(after = CachetAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnBooleanProperty("cachet.web.honor-cache-control")
@EnableConfigurationProperties(CachetWebProperties.class)
public class CachetWebAutoConfiguration {

	@Bean
	FilterRegistrationBean<CacheControlFilter> cachetCacheControlFilter() {
		FilterRegistrationBean<CacheControlFilter> registration = new FilterRegistrationBean<>(new CacheControlFilter());
		// early, so that every cached call of the request sees the options
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

}
