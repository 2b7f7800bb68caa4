package dev.cachet.autoconfigure;

import java.nio.file.Path;

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
	TierRegistration cachetDiskTier(CachetProperties properties, Environment environment) {
		CachetProperties.Disk disk = properties.getDisk();
		CachetPropertiesValidator.validateDisk(disk);
		Path directory = directory(disk.getPath(), environment);
		try {
			DiskTier tier = new DiskTier(
					new DiskTierSettings(directory, disk.getMaxSize().toBytes(), disk.getSweepInterval()));
			return new TierRegistration("disk", tier, disk.getMaxAge());
		}
		catch (IllegalStateException ex) {
			throw new CachetConfigurationException("cachet.disk.path", ex.getMessage(),
					"set cachet.disk.path to a folder the application can create and write", ex);
		}
	}

	/** {@code cachet.disk.path} with a leading {@code ~} expanded, or the default under the user's home. */
	static Path directory(String configured, Environment environment) {
		String home = System.getProperty("user.home");
		if (configured == null || configured.isBlank()) {
			String application = environment.getProperty("spring.application.name", "application");
			return Path.of(home, ".cache", "cachet", application).toAbsolutePath();
		}
		if (configured.equals("~") || configured.startsWith("~/")) {
			return Path.of(home + configured.substring(1)).toAbsolutePath();
		}
		return Path.of(configured).toAbsolutePath();
	}

}
