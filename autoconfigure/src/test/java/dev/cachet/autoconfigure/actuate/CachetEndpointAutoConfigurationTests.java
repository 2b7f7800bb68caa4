package dev.cachet.autoconfigure.actuate;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachetEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
				EndpointAutoConfiguration.class, CachetEndpointAutoConfiguration.class))
		.withPropertyValues("cachet.tiers=memory");

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	@Test
	void exposedEndpointIsAvailable() {
		runner.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("management.endpoints.web.exposure.include=cachet")
			.run(context -> assertThat(context).hasSingleBean(CachetEndpoint.class));
	}

	@Test
	void endpointThatIsNotExposedIsAbsent() {
		runner.withUserConfiguration(CachingEnabled.class)
			.run(context -> assertThat(context).doesNotHaveBean(CachetEndpoint.class));
	}

	@Test
	void endpointWithoutAccessIsAbsent() {
		runner.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("management.endpoints.web.exposure.include=cachet",
					"management.endpoint.cachet.access=NONE")
			.run(context -> assertThat(context).doesNotHaveBean(CachetEndpoint.class));
	}

	@Test
	void withoutActuatorOnTheClassPathThereIsNoEndpoint() {
		runner.withUserConfiguration(CachingEnabled.class)
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=cachet")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(CachetEndpoint.class);
			});
	}

	@Test
	void withoutCachetCachingThereIsNoEndpoint() {
		runner.withPropertyValues("management.endpoints.web.exposure.include=cachet")
			.run(context -> assertThat(context).doesNotHaveBean(CachetEndpoint.class));
	}

	@Test
	void unknownCachesAreNotFoundAndAreNotCreated() {
		runner.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("management.endpoints.web.exposure.include=cachet")
			.run(context -> {
				CachetEndpoint endpoint = context.getBean(CachetEndpoint.class);
				assertThat(endpoint.cache("nope")).isNull();
				assertThat(endpoint.entries("nope", "entries", null, null)).isNull();
				assertThat(endpoint.clear("nope")).isNull();
				assertThat(endpoint.evict("nope", "stale")).isNull();
				assertThat(endpoint.overview().caches()).isEmpty();
			});
	}

	@Test
	void tiersAreListedInLookupOrder(@TempDir Path disk) {
		runner.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("management.endpoints.web.exposure.include=cachet", "cachet.tiers=disk,memory",
					"cachet.disk.path=" + disk)
			.run(context -> {
				context.getBean(TieredCacheManager.class).getCache("ships");
				CachetReports.Overview overview = context.getBean(CachetEndpoint.class).overview();
				assertThat(overview.tiers()).extracting(CachetReports.TierReport::name).containsExactly("disk", "memory");
				assertThat(overview.caches()).singleElement()
					.satisfies(cache -> assertThat(cache.tiers()).containsExactly("disk", "memory"));
			});
	}

	@Test
	void webExtensionAnswersOverHttpOnly() {
		runner.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("management.endpoints.web.exposure.include=cachet")
			.run(context -> assertThat(context).hasSingleBean(CachetEndpointWebExtension.class));
		runner.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("management.endpoints.jmx.exposure.include=cachet", "spring.jmx.enabled=true")
			.run(context -> assertThat(context).hasSingleBean(CachetEndpoint.class)
				.doesNotHaveBean(CachetEndpointWebExtension.class));
	}

	@Test
	void deleteRefusesAnythingButAKeyIdOrStale() {
		runner.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("management.endpoints.web.exposure.include=cachet")
			.run(context -> {
				CachetEndpoint endpoint = context.getBean(CachetEndpoint.class);
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.evict("any", "../../etc/passwd"));
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.entries("any", "entries", -1, 10));
			});
	}

}
