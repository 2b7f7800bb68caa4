package dev.cachet.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.BeanFactoryCacheOperationSourceAdvisor;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.NativeDetector;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.cache.CacheOverrides;
import dev.cachet.core.cache.EntrySerializer;
import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.cache.TieredCacheManagerBuilder;
import dev.cachet.core.codec.ValueCodec;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.BeanFactoryOrigins;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.hash.ArgumentHasher;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.policy.StaleWindows;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.key.KeyContributor;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.autoconfigure.redis.CachetRedisProperties;
import dev.cachet.autoconfigure.s3.CachetS3Properties;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.KeyLease;

/**
 * Auto-configures Cachet's tiered, code-aware {@link CacheManager} when caching is enabled
 * ({@code @EnableCaching}) and the application defines no cache manager of its own. Runs before
 * Boot's {@link CacheAutoConfiguration}, which then backs off; Boot's
 * {@link CacheManagerCustomizer}s are applied here instead. Steps aside when {@code spring.cache.type}
 * is set (see {@link ConditionalOnAutomaticCacheType}), so {@code spring.cache.type=none} and Boot's
 * {@code @AutoConfigureCache} give Boot's no-op cache manager.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class)
@ConditionalOnClass(CacheManager.class)
@ConditionalOnBean(CacheAspectSupport.class)
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@ConditionalOnAutomaticCacheType
@EnableConfigurationProperties(CachetProperties.class)
@Import({ MemoryTierConfiguration.class, DiskTierConfiguration.class, CachetCodecConfiguration.class })
public class CachetAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CachetAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	MethodFingerprinter cachetMethodFingerprinter(CachetProperties properties, ConfigurableListableBeanFactory beanFactory) {
		if (NativeDetector.inNativeImage()) {
			// a constant fingerprint would serve results of older code: refuse rather than guess
			throw new CachetConfigurationException("spring.cache.type",
					"Cachet fingerprints methods from their class files, which a native image does not contain",
					"run the application on the JVM (Spring AOT on the JVM is supported), or set spring.cache.type "
							+ "to another cache for the native image");
		}
		CachetProperties.Fingerprint fingerprint = properties.getFingerprint();
		return new MethodFingerprinter(new FingerprintSettings(applicationPackages(fingerprint.getPackages(), beanFactory),
				fingerprint.isIncludeLibraries(), fingerprint.getSalt()), new BeanFactoryOrigins(beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	CanonicalArgumentHasher cachetArgumentHasher(ObjectProvider<ArgumentHasher<?>> hashers) {
		return new CanonicalArgumentHasher(hashers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	CachedMethods cachetCachedMethods(MethodFingerprinter fingerprinter) {
		return new CachedMethods(fingerprinter);
	}

	@Bean
	@ConditionalOnMissingBean
	CacheAddresses cachetCacheAddresses(CanonicalArgumentHasher hasher, ObjectProvider<KeyContributor> contributors) {
		return new CacheAddresses(hasher, contributors.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	CachetKeyGenerator cachetKeyGenerator(CachedMethods methods, CacheAddresses addresses) {
		return new CachetKeyGenerator(methods, addresses);
	}

	/** Binds the caches of every cached call to its method: see {@link CallerBindingCacheResolver}. */
	@Bean
	SmartInitializingSingleton cachetCallerBinding(ListableBeanFactory beanFactory, CachedMethods methods) {
		return () -> CallerBindingCacheResolver.installIn(beanFactory, methods);
	}

	/** Runs Spring's cache interceptor in the scope of the invocation: see {@link CachedInvocationAdvice}. */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CachedInvocationAdvice.Advisor cachetInvocationAdvisor(
			ObjectProvider<BeanFactoryCacheOperationSourceAdvisor> cacheAdvisor) {
		return new CachedInvocationAdvice.Advisor(cacheAdvisor);
	}

	@Bean
	@ConditionalOnMissingBean(CachingConfigurer.class)
	CachingConfigurer cachetCachingConfigurer(CachetKeyGenerator keyGenerator) {
		return new CachetCachingConfigurer(keyGenerator);
	}

	@Bean
	TieredCacheManager cacheManager(CachetProperties properties, Environment environment,
			ObjectProvider<TierRegistration> tierRegistrations,
			ValueCodec codec, CachetKeyGenerator keyGenerator, ObjectProvider<CacheManagerCustomizer<?>> customizers,
			ObjectProvider<KeyLease> lease, ObjectProvider<InvalidationBus> bus) {
		CachetPropertiesValidator.validateCaching(properties);
		List<TierRegistration> registrations = tierRegistrations.orderedStream().toList();
		Set<String> available = registrations.stream().map(TierRegistration::name).collect(Collectors.toSet());
		CachetPropertiesValidator.validateTiers(properties, available);
		StartupWarnings.unknownProperties(environment, Map.of("cachet", CachetProperties.class, "cachet.redis",
				CachetRedisProperties.class, "cachet.s3", CachetS3Properties.class));
		StartupWarnings.tierOrder(environment, "cachet.tiers", properties.getTiers());
		properties.getCaches().forEach((name, spec) -> StartupWarnings.tierOrder(environment,
				"cachet.caches." + name + ".tiers", spec.getTiers()));
		TieredCacheManagerBuilder builder = TieredCacheManager
			.builder(new EntrySerializer(codec, properties.getCodec().getCompressionThreshold().toBytes()), keyGenerator)
			.defaultTiers(properties.getTiers())
			.defaultMaxAge(properties.getDefaultMaxAge())
			.defaultStaleWindows(new StaleWindows(properties.getStaleWhileRevalidate(), properties.getStaleIfError()))
			.allowNullValues(properties.isAllowNullValues())
			.writeBehindCapacity(properties.getWriteBehind().getQueueCapacity())
			.lineage(properties.getLineage().isEnabled())
			.fileDirectory(fileDirectory(properties.getFiles().getPath(), environment))
			.invalidationBus(bus.getIfAvailable())
			.lease(lease.getIfAvailable())
			.signer(signer(properties.getSecurity()), properties.getSecurity().isVerifyDisk());
		registrations.forEach(registration -> builder.tier(registration.name(), registration.tier(),
				registration.storageCap()));
		properties.getCaches().forEach((name, spec) -> builder.cache(name,
				new CacheOverrides(spec.getMaxAge(),
						(spec.getBehaviour() != null) ? spec.getBehaviour().behaviour() : null, spec.getTiers(),
						new StaleWindows(spec.getStaleWhileRevalidate(), spec.getStaleIfError()))));
		TieredCacheManager manager = builder.build();
		if (properties.getSecurity().getKeys().isEmpty()
				&& manager.tiers().values().stream().anyMatch(binding -> binding.tier().shared())) {
			logger.info("Cachet entries in shared tiers are not signed: anyone who can write to them can choose the "
					+ "values this application reads. Set cachet.security.keys to sign and verify them.");
		}
		return new CacheManagerCustomizers(customizers.orderedStream().toList()).customize(manager);
	}

	@Bean
	QueuedWritesDrain cachetQueuedWritesDrain(TieredCacheManager cacheManager) {
		return new QueuedWritesDrain(cacheManager);
	}

	@Bean
	FingerprintJournal cachetFingerprintJournal(TieredCacheManager cacheManager) {
		return new FingerprintJournal(cacheManager.tiers()
			.values()
			.stream()
			.map(TierBinding::tier)
			.filter(CacheTier::persistent)
			.toList(), Clock.systemUTC());
	}

	@Bean
	CacheMethodCatalog cachetCacheMethodCatalog() {
		return new CacheMethodCatalog();
	}

	@Bean
	@ConditionalOnProperty(name = "cachet.fingerprint.eager", matchIfMissing = true)
	CachedMethodScanner cachetCachedMethodScanner(ListableBeanFactory beanFactory, CacheOperationSource operations,
			CachedMethods methods, MethodFingerprinter fingerprinter, CanonicalArgumentHasher hasher,
			CacheMethodCatalog catalog) {
		return new CachedMethodScanner(beanFactory, operations, methods, fingerprinter, hasher, catalog);
	}

	@Bean
	@ConditionalOnProperty(name = "cachet.fingerprint.eager", matchIfMissing = true)
	FingerprintPass cachetFingerprintPass(CachedMethodScanner scanner, FingerprintJournal journal,
			MethodFingerprinter fingerprinter) {
		// once every scanned method is fingerprinted, the state captured for them is not needed
		return new FingerprintPass(scanner::scanned, journal, fingerprinter::forgetCapturedState);
	}

	@Bean
	CodecPreparation cachetCodecPreparation(CacheMethodCatalog catalog, ValueCodec codec, TieredCacheManager manager,
			ListableBeanFactory beanFactory) {
		CallPathWarmUp calls = new CallPathWarmUp(beanFactory);
		return new CodecPreparation(catalog, codec, () -> {
			manager.warmUp();
			// the first call of each declared cache then finds it made
			catalog.cacheNames().forEach(manager::getCache);
			calls.run();
		});
	}

	private static EnvelopeSigner signer(CachetProperties.Security security) {
		return EnvelopeSigner.of(security.getKeys().stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList());
	}

	private static Path fileDirectory(String configured, Environment environment) {
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "cachet-files",
				environment.getProperty("spring.application.name", "application"));
	}

	private static List<String> applicationPackages(List<String> configured, BeanFactory beanFactory) {
		if (!configured.isEmpty()) {
			return configured;
		}
		return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
	}

}
