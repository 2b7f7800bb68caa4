package dev.cachet.autoconfigure.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCacheManager;

/**
 * A dashboard page (plain HTML and a little JavaScript reading {@code /actuator/cachet}), when
 * {@code cachet.dashboard.enabled=true} in a Spring MVC application using Cachet.
 */
@AutoConfiguration(after = CachetAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnBooleanProperty("cachet.dashboard.enabled")
@EnableConfigurationProperties(CachetDashboardProperties.class)
public class CachetDashboardAutoConfiguration {

	@Bean
	RouterFunction<ServerResponse> cachetDashboardRoute(CachetDashboardProperties properties, Environment environment) {
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		DashboardPage page = new DashboardPage(basePath + "/cachet");
		return RouterFunctions.route().GET(properties.getPath(), page::render).build();
	}

}
