package dev.cachet.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.FileSystemUtils;

/**
 * The disk tier's folder. In an application it is {@code cachet.disk.path}, by default
 * {@code ~/.cache/cachet/${spring.application.name}}. In a test context (one carrying a
 * {@link TestContextMarker}) it is a new temporary folder, deleted when the context closes, so a test
 * never reads or rewrites the developer's cache; the test opts out by naming a folder itself or by
 * {@code cachet.disk.isolate-in-tests=false}.
 */
final class DiskTierFolder implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DiskTierFolder.class);

	private static final ConfigurationPropertyName PATH = ConfigurationPropertyName.of("cachet.disk.path");

	private final Path path;

	private final boolean temporary;

	private DiskTierFolder(Path path, boolean temporary) {
		this.path = path;
		this.temporary = temporary;
	}

	/** The folder for a context; creates it first when it is a test context's own. */
	static DiskTierFolder resolve(CachetProperties.Disk disk, Environment environment, boolean testContext) {
		if (!testContext || !disk.isIsolateInTests() || setByTest(environment)) {
			return new DiskTierFolder(configured(disk.getPath(), environment), false);
		}
		String application = environment.getProperty("spring.application.name", "application");
		try {
			Path folder = Files.createTempDirectory("cachet-test-" + application.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
			logger.info("Cachet disk tier of this test context uses its own folder {}, deleted when the context "
					+ "closes; set cachet.disk.path in the test to choose one", folder);
			return new DiskTierFolder(folder, true);
		}
		catch (IOException ex) {
			throw new CachetConfigurationException("cachet.disk.path",
					"cannot create a temporary folder for the test context (" + ex.getMessage() + ")",
					"set cachet.disk.path in the test to a folder it can write", ex);
		}
	}

	/** {@code cachet.disk.path} with a leading {@code ~} expanded, or the default under the user's home. */
	static Path configured(@Nullable String configured, Environment environment) {
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

	/**
	 * Whether the test itself sets {@code cachet.disk.path}. Spring's test framework adds the test's
	 * own property sources ({@code @SpringBootTest} and {@code @TestPropertySource} properties and
	 * files, {@code @DynamicPropertySource}) ahead of the system properties, and Boot adds the test's
	 * {@code args} there too. What follows (system properties, environment variables,
	 * {@code application.yml} and its profiles) is the application's configuration, which in a test
	 * must not lead to the developer's folder.
	 */
	private static boolean setByTest(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return false;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				return false;
			}
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue;
			}
			for (var properties : ConfigurationPropertySources.from(source)) {
				if (properties != null && properties.getConfigurationProperty(PATH) != null) {
					return true;
				}
			}
		}
		return false;
	}

	Path path() {
		return path;
	}

	boolean temporary() {
		return temporary;
	}

	/** Deletes a test context's own folder; closed after the disk tier, which depends on it. */
	@Override
	public void close() {
		if (!temporary) {
			return;
		}
		try {
			FileSystemUtils.deleteRecursively(path);
		}
		catch (IOException ex) {
			logger.warn("Cachet could not delete the test context's disk folder {}: {}", path, ex.toString());
		}
	}

}
