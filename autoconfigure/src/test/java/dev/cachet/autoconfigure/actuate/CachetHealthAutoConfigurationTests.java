package dev.cachet.autoconfigure.actuate;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.core.tier.TierHealth;

import static org.assertj.core.api.Assertions.assertThat;

class CachetHealthAutoConfigurationTests {

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

	private static IndicatedHealthDescriptor cachet(AssertableApplicationContext context) {
		return (IndicatedHealthDescriptor) context.getBean(HealthEndpoint.class).healthForPath("cachet");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> tiers(IndicatedHealthDescriptor cachet) {
		return (Map<String, Map<String, Object>>) cachet.getDetails().get("tiers");
	}

	@Test
	void aDownSharedTierMakesTheComponentDegradedWithoutTakingTheApplicationDown() {
		runner.run(context -> {
			context.getBean(RemoteTestTier.class).health(TierHealth.down("connection refused"));
			IndicatedHealthDescriptor cachet = cachet(context);
			assertThat(cachet.getStatus()).isEqualTo(TierHealthIndicator.DEGRADED);
			assertThat(tiers(cachet).get("redis")).containsEntry("status", "DEGRADED")
				.containsEntry("detail", "connection refused");
			assertThat(tiers(cachet).get("memory")).containsEntry("status", "UP");
			assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void aDownSharedTierTakesTheApplicationDownWhenConfigured() {
		runner.withPropertyValues("cachet.health.affects-status=true").run(context -> {
			context.getBean(RemoteTestTier.class).health(TierHealth.down("connection refused"));
			IndicatedHealthDescriptor cachet = cachet(context);
			assertThat(cachet.getStatus()).isEqualTo(Status.DOWN);
			assertThat(tiers(cachet).get("redis")).containsEntry("status", "DOWN");
			assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void everyConfiguredTierIsReportedDiskIncluded(@TempDir Path disk) {
		runner.withPropertyValues("cachet.tiers=memory,disk,redis", "cachet.disk.path=" + disk).run(context -> {
			IndicatedHealthDescriptor cachet = cachet(context);
			assertThat(tiers(cachet)).containsOnlyKeys("memory", "disk", "redis");
			assertThat(tiers(cachet).get("disk")).containsEntry("status", "UP")
				.containsEntry("type", "disk")
				.containsEntry("location", disk.toString());
			assertThat(cachet.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void aFailingDiskMakesTheComponentDegradedNextToHealthyTiers(@TempDir Path temp) {
		Path disk = temp.resolve("disk");
		runner.withPropertyValues("cachet.tiers=memory,disk,redis", "cachet.disk.path=" + disk).run(context -> {
			FileSystemUtils.deleteRecursively(disk);
			IndicatedHealthDescriptor cachet = cachet(context);
			assertThat(tiers(cachet).get("disk")).containsEntry("status", "DEGRADED");
			assertThat(tiers(cachet).get("redis")).containsEntry("status", "UP");
			assertThat(cachet.getStatus()).as("the worst tier's status").isEqualTo(TierHealthIndicator.DEGRADED);
			assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
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
			// the test's own registration stays in the manager, unused by any cache
			assertThat(tiers(cachet(context))).containsOnlyKeys("memory", "redis");
			assertThat(cachet(context).getStatus()).isEqualTo(Status.UP);
			assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

}
