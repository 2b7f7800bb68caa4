package dev.cachet.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;

/** The local disk tier, when a cache uses it and {@code cachet-backend-disk} is on the class path. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(DiskTier.class)
@ConditionalOnCachetTier("disk")
class DiskTierConfiguration {

	@Bean
	DiskTierFolder cachetDiskFolder(CachetProperties properties, Environment environment,
			ListableBeanFactory beanFactory) {
		return DiskTierFolder.resolve(properties.getDisk(), environment,
				beanFactory.containsBean(TestContextMarker.BEAN_NAME));
	}

	/** Takes the folder as a parameter so that the context closes the tier before it deletes a test's folder. */
	@Bean
	TierRegistration cachetDiskTier(CachetProperties properties, DiskTierFolder folder) {
		CachetProperties.Disk disk = properties.getDisk();
		CachetPropertiesValidator.validateDisk(disk);
		try {
			DiskTier tier = new DiskTier(
					new DiskTierSettings(folder.path(), disk.getMaxSize().toBytes(), disk.getSweepInterval(),
							disk.getMinFree().toBytes()));
			return new TierRegistration("disk", tier, disk.getMaxAge());
		}
		catch (IllegalStateException ex) {
			throw new CachetConfigurationException("cachet.disk.path", ex.getMessage(),
					"set cachet.disk.path to a folder the application can create and write", ex);
		}
	}

}
