package dev.cachet.autoconfigure.actuate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.core.tier.TierHealth;

import static org.assertj.core.api.Assertions.assertThat;

class CachetHealthAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
				EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				CachetHealthAutoConfiguration.class))
		.withUserConfiguration(WithRemoteTier.class)
		.withPropertyValues("cachet.tiers=memory,redis", "management.endpoint.health.show-details=always");

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class WithRemoteTier {

		@Bean
		RemoteTestTier remoteTestTier() {
			return new RemoteTestTier();
		}

		@Bean
		TierRegistration remoteTier(RemoteTestTier tier) {
			return new TierRegistration("redis", tier, null);
		}

	}

	@Test
	void aDownSharedTierShowsInItsComponentWithoutTakingTheApplicationDown() {
		runner.run(context -> {
			context.getBean(RemoteTestTier.class).health(TierHealth.down("connection refused"));
			HealthEndpoint health = context.getBean(HealthEndpoint.class);
			assertThat(health.healthForPath("cachet", "redis").getStatus()).isEqualTo(TierHealthIndicator.DEGRADED);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void aDownSharedTierTakesTheApplicationDownWhenConfigured() {
		runner.withPropertyValues("cachet.health.affects-status=true").run(context -> {
			context.getBean(RemoteTestTier.class).health(TierHealth.down("connection refused"));
			HealthEndpoint health = context.getBean(HealthEndpoint.class);
			assertThat(health.healthForPath("cachet", "redis").getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void onlySharedTiersHaveAHealthComponent() {
		runner.run(context -> {
			CompositeHealthDescriptor cachet = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class)
				.healthForPath("cachet");
			assertThat(cachet.getComponents()).containsOnlyKeys("redis");
			assertThat(cachet.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void disabledHealthIndicatorIsAbsent() {
		runner.withPropertyValues("management.health.cachet.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean("cachetHealthContributor"));
	}

	@Test
	void withoutBootHealthOnTheClassPathThereIsNoContributor() {
		runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
					CachetHealthAutoConfiguration.class))
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("cachetHealthContributor");
			});
	}

	@Test
	void withoutSharedTiersTheApplicationStaysUp() {
		runner.withPropertyValues("cachet.tiers=memory").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

}
