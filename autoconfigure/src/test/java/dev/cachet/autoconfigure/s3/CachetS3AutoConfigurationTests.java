package dev.cachet.autoconfigure.s3;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.CachetConfigurationException;
import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.backend.s3.S3Sweeper;
import dev.cachet.backend.s3.S3Tier;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.S3RequestCounter;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Every condition and start-up check of {@link CachetS3AutoConfiguration}, against a real S3 API. */
@ExtendWith(S3ServerExtension.class)
class CachetS3AutoConfigurationTests {

	@TempDir
	Path disk;

	private final S3Server s3;

	CachetS3AutoConfigurationTests(S3Server s3) {
		this.s3 = s3;
		s3.createBucket("config");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	private ApplicationContextRunner runner() {
		return runner(this.s3.credentials());
	}

	private ApplicationContextRunner runner(AwsCredentialsProvider credentials) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetS3AutoConfiguration.class, CachetAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(CachingEnabled.class)
			// credentials for the client built from properties, as an application might provide them
			.withBean(AwsCredentialsProvider.class, () -> credentials)
			.withPropertyValues("cachet.disk.path=" + this.disk, "cachet.tiers=disk,s3", "cachet.s3.bucket=config",
					"cachet.s3.endpoint=" + this.s3.endpoint(), "cachet.s3.path-style=true");
	}

	@Test
	void buildsTheTierFromProperties() {
		runner().run((context) -> {
			TieredCacheManager manager = context.getBean(TieredCacheManager.class);
			assertThat(manager.getCache("any").getNativeCache()).extracting((binding) -> binding.tier().type())
				.containsExactly("disk", "s3");
			S3Tier tier = s3Tier(context);
			assertThat(tier.location()).isEqualTo("s3://config/cachet/ at 127.0.0.1:" + this.s3.port());
			assertThat(tier.health()).isEqualTo(TierHealth.up());
			assertThat(context).doesNotHaveBean(S3Client.class);
		});
	}

	@Test
	void staysAwayWhenNoCacheUsesS3() {
		runner().withPropertyValues("cachet.tiers=disk").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(TierRegistration.class).values()).extracting(TierRegistration::name)
				.containsExactly("disk");
		});
	}

	@Test
	void backsOffWithCachetWhenSpringCacheTypeIsNone() {
		runner().withPropertyValues("spring.cache.type=none").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CachetS3AutoConfiguration.class);
			assertThat(context).doesNotHaveBean(TierRegistration.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
		});
	}

	@Test
	void isActivatedByAPerCacheTierList() {
		runner().withPropertyValues("cachet.tiers=disk", "cachet.caches.ais.tiers=disk,s3").run((context) -> {
			assertThat(context.getBean(TieredCacheManager.class).getCache("ais").getNativeCache())
				.extracting((binding) -> binding.tier().type())
				.containsExactly("disk", "s3");
		});
	}

	@Test
	void withoutTheBackendOnTheClassPathTheTierIsNotAvailable() {
		runner().withClassLoader(new FilteredClassLoader(S3Tier.class))
			.run((context) -> assertFailure(context, "cachet.tiers", "not available"));
	}

	@Test
	void usesTheApplicationsS3Client() {
		S3RequestCounter requests = new S3RequestCounter();
		runner().withPropertyValues("cachet.s3.endpoint=http://127.0.0.1:1")
			.withBean(S3Client.class, () -> this.s3.newClient((builder) -> builder
				.overrideConfiguration((override) -> override.addExecutionInterceptor(requests))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(s3Tier(context).location()).endsWith(":" + this.s3.port());
				assertThat(requests.count("HeadBucketRequest")).as("the start-up check").isEqualTo(1);
			});
	}

	@Test
	void aBucketNameIsRequired() {
		runner().withPropertyValues("cachet.s3.bucket=")
			.run((context) -> assertFailure(context, "cachet.s3.bucket", "must be set"));
	}

	@Test
	void aMissingBucketStopsStartUp() {
		runner().withPropertyValues("cachet.s3.bucket=no-such-bucket")
			.run((context) -> assertFailure(context, "cachet.s3.bucket", "does not exist"));
	}

	@Test
	void aMissingBucketIsCreatedWhenAllowed() {
		runner().withPropertyValues("cachet.s3.bucket=made-at-start-up", "cachet.s3.create-bucket=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(s3Tier(context).checkBucket()).isEqualTo(S3Tier.BucketState.AVAILABLE);
			});
	}

	@Test
	void anUnreachableEndpointStopsStartUp() throws Exception {
		try (ServerSocket silent = silentServer()) {
			runner().withPropertyValues("cachet.s3.endpoint=http://127.0.0.1:" + silent.getLocalPort(),
					"cachet.s3.timeout=500ms")
				.run((context) -> assertFailure(context, "cachet.s3.endpoint", "could not be reached"));
		}
	}

	@Test
	void anOptionalTierStartsDownWhenUnreachable() {
		this.s3.stop();
		runner().withPropertyValues("cachet.s3.optional=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(s3Tier(context).health().state()).isNotEqualTo(TierHealth.State.UP);
		});
	}

	@Test
	void anOptionalTierStartsDownWhenAccessIsDenied() {
		AwsCredentialsProvider wrongSecret = StaticCredentialsProvider
			.create(AwsBasicCredentials.create(this.s3.accessKey(), "not-the-secret"));
		runner(wrongSecret).run((context) -> assertFailure(context, "cachet.s3.bucket", "is denied"));
		runner(wrongSecret).withPropertyValues("cachet.s3.optional=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(s3Tier(context).health().state()).isNotEqualTo(TierHealth.State.UP);
		});
	}

	@Test
	void aTooSmallMultipartThresholdStopsStartUp() {
		runner().withPropertyValues("cachet.s3.multipart-threshold=1MB")
			.run((context) -> assertFailure(context, "cachet.s3.multipart-threshold", "at least 5MB"));
	}

	@Test
	void theSweeperRunsOnlyWhenAnIntervalIsSet() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(S3Sweeper.class));
		runner().withPropertyValues("cachet.s3.sweep-interval=1h")
			.run((context) -> assertThat(context).hasSingleBean(S3Sweeper.class));
	}

	private static S3Tier s3Tier(AssertableApplicationContext context) {
		return (S3Tier) context.getBean(TieredCacheManager.class).tiers().get("s3").tier();
	}

	private static ServerSocket silentServer() throws Exception {
		return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	private static void assertFailure(AssertableApplicationContext context, String property, String problem) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof CachetConfigurationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("a CachetConfigurationException").isInstanceOf(CachetConfigurationException.class);
		CachetConfigurationException configuration = (CachetConfigurationException) failure;
		assertThat(configuration.property()).isEqualTo(property);
		assertThat(configuration.getMessage()).contains(problem);
		assertThat(configuration.action()).isNotBlank();
	}

}
