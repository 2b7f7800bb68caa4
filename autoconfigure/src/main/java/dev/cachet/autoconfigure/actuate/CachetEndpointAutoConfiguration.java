package dev.cachet.autoconfigure.actuate;

import java.time.Clock;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.cache.TieredCacheManager;

/**
 * The {@code cachet} Actuator endpoint, when Actuator is on the class path, Cachet's cache manager
 * is in use and the endpoint is available ({@code management.endpoint.cachet.access} and
 * {@code management.endpoints.web.exposure.include}), with its HTTP answers
 * ({@link CachetEndpointWebExtension}) when it is exposed over the web.
 */
@AutoConfiguration(after = CachetAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnAvailableEndpoint(CachetEndpoint.class)
public class CachetEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CachetEndpoint cachetEndpoint(TieredCacheManager manager, CacheMethodCatalog catalog,
			FingerprintJournal journal) {
		return new CachetEndpoint(new CachetReports(manager, catalog, journal),
				new CacheEntries(manager, Clock.systemUTC()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CachetEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	CachetEndpointWebExtension cachetEndpointWebExtension(CachetEndpoint endpoint) {
		return new CachetEndpointWebExtension(endpoint);
	}

}
