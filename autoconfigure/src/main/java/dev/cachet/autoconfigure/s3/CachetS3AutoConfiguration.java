package dev.cachet.autoconfigure.s3;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.CachetConfigurationException;
import dev.cachet.autoconfigure.CachetPropertiesValidator;
import dev.cachet.autoconfigure.ConditionalOnAutomaticCacheType;
import dev.cachet.autoconfigure.ConditionalOnCachetTier;
import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.backend.s3.S3Sweeper;
import dev.cachet.backend.s3.S3Tier;
import dev.cachet.backend.s3.S3TierSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 tier, when a cache uses it and {@code cachet-backend-s3} is on the class path. It uses the
 * application's {@link S3Client} bean if there is exactly one (from Spring Cloud AWS, say), else a
 * client built from {@code cachet.s3.*} with the SDK's default credential and region chains.
 *
 * <p>Start-up checks the bucket within the time budget, at least 5 s: a missing bucket stops start-up unless
 * {@code cachet.s3.create-bucket=true}; S3 out of reach stops it unless {@code cachet.s3.optional=true},
 * which starts the application with the tier down (its calls are misses until S3 answers).
 */
@AutoConfiguration(before = CachetAutoConfiguration.class)
@ConditionalOnClass({ S3Tier.class, S3Client.class, CacheManager.class })
@ConditionalOnBean(CacheAspectSupport.class)
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@ConditionalOnAutomaticCacheType
@ConditionalOnCachetTier("s3")
@EnableConfigurationProperties(CachetS3Properties.class)
public class CachetS3AutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CachetS3AutoConfiguration.class);

	/** The least time the start-up check waits: a client's first request pays its one-time set-up. */
	private static final Duration STARTUP_BUDGET = Duration.ofSeconds(5);

	@Bean
	S3ClientSource cachetS3ClientSource(CachetS3Properties properties, ObjectProvider<S3Client> applicationClient,
			ObjectProvider<AwsCredentialsProvider> credentials) {
		S3Client client = applicationClient.getIfUnique();
		return (client != null) ? S3ClientSource.of(client)
				: S3ClientSource.build(properties, credentials.getIfUnique());
	}

	@Bean
	TierRegistration cachetS3Tier(CachetS3Properties properties, S3ClientSource clientSource) {
		S3Tier tier = new S3Tier(clientSource.client(), settings(properties));
		checkBucket(tier, properties);
		return new TierRegistration("s3", tier, properties.getMaxAge());
	}

	@Bean
	@ConditionalOnProperty("cachet.s3.sweep-interval")
	S3Sweeper cachetS3Sweeper(CachetS3Properties properties, S3ClientSource clientSource) {
		S3Sweeper sweeper = new S3Sweeper(clientSource.client(), settings(properties), Clock.systemUTC());
		sweeper.start(properties.getSweepInterval());
		return sweeper;
	}

	static S3TierSettings settings(CachetS3Properties properties) {
		if (properties.getBucket() == null || properties.getBucket().isBlank()) {
			throw new CachetConfigurationException("cachet.s3.bucket", "must be set",
					"set cachet.s3.bucket to the bucket that holds cached entries");
		}
		CachetPropertiesValidator.requirePositive("cachet.s3.timeout", properties.getTimeout());
		CachetPropertiesValidator.requirePositive("cachet.s3.transfer-timeout", properties.getTransferTimeout());
		CachetPropertiesValidator.requirePositive("cachet.s3.max-age", properties.getMaxAge());
		CachetPropertiesValidator.requirePositive("cachet.s3.circuit-breaker.cool-down", properties.getCircuitBreaker().getCoolDown());
		if (properties.getSweepInterval() != null) {
			CachetPropertiesValidator.requirePositive("cachet.s3.sweep-interval", properties.getSweepInterval());
		}
		CachetPropertiesValidator.requireFailureThreshold("cachet.s3.circuit-breaker.failure-threshold",
				properties.getCircuitBreaker().getFailureThreshold());
		if (properties.getMultipartThreshold() == null
				|| properties.getMultipartThreshold().toBytes() < S3TierSettings.MIN_PART_SIZE) {
			throw new CachetConfigurationException("cachet.s3.multipart-threshold",
					"must be at least 5MB (the smallest part S3 accepts), was " + properties.getMultipartThreshold(),
					"set a size of 5MB or more, such as 16MB");
		}
		return new S3TierSettings(properties.getBucket(), Objects.requireNonNullElse(properties.getPrefix(), ""),
				properties.getTimeout(), properties.getCircuitBreaker().getFailureThreshold(),
				properties.getCircuitBreaker().getCoolDown(), properties.getMultipartThreshold().toBytes(),
				properties.getTransferTimeout());
	}

	/**
	 * Checks the bucket at start-up. Any problem stops start-up with a report naming the property,
	 * unless {@code cachet.s3.optional=true}: then the application starts with the tier down.
	 */
	private static void checkBucket(S3Tier tier, CachetS3Properties properties) {
		try {
			prepareBucket(tier, properties);
		}
		catch (CachetConfigurationException ex) {
			if (!properties.isOptional()) {
				throw ex;
			}
			logger.warn("{}; starting with the S3 tier down (cachet.s3.optional=true)", ex.getMessage());
		}
	}

	private static void prepareBucket(S3Tier tier, CachetS3Properties properties) {
		Duration budget = (properties.getTimeout().compareTo(STARTUP_BUDGET) > 0) ? properties.getTimeout()
				: STARTUP_BUDGET;
		switch (tier.checkBucket(budget)) {
			case AVAILABLE -> {
			}
			case MISSING -> {
				if (!properties.isCreateBucket()) {
					throw new CachetConfigurationException("cachet.s3.bucket",
							"bucket '" + properties.getBucket() + "' does not exist (" + tier.location() + ")",
							"create the bucket, correct cachet.s3.bucket, or set cachet.s3.create-bucket=true");
				}
				try {
					tier.createBucket(budget);
				}
				catch (RuntimeException ex) {
					throw new CachetConfigurationException("cachet.s3.bucket", "bucket '" + properties.getBucket()
							+ "' could not be created (" + ex.getClass().getSimpleName() + ")",
							"create the bucket yourself, or grant the application's credentials s3:CreateBucket", ex);
				}
				logger.info("Created S3 bucket for the Cachet tier: {}", tier.location());
			}
			case FORBIDDEN -> throw new CachetConfigurationException("cachet.s3.bucket",
					"access to bucket '" + properties.getBucket() + "' is denied",
					"grant the application's credentials s3:ListBucket, s3:GetObject, s3:PutObject and "
							+ "s3:DeleteObject on cachet.s3.bucket, or correct it, or set cachet.s3.optional=true "
							+ "to start with the S3 tier down");
			case UNREACHABLE -> throw new CachetConfigurationException("cachet.s3.endpoint",
					"S3 could not be reached at " + tier.location() + " (" + tier.lastFailure() + ")",
					"check cachet.s3.endpoint (or the region and network), or set cachet.s3.optional=true "
							+ "to start with the S3 tier down");
		}
	}

}
