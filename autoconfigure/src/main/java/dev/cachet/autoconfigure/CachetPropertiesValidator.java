package dev.cachet.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.util.unit.DataSize;

/**
 * Checks {@link CachetProperties} before anything is built, so a bad value stops start-up with a
 * message naming the property and the fix instead of failing later or being ignored.
 */
public final class CachetPropertiesValidator {

	/** The modules that provide Cachet's own tiers, named in the message when one is missing. */
	static final Map<String, String> BUILT_IN_TIERS = Map.of("memory", "cachet-core", "disk", "cachet-backend-disk",
			"redis", "cachet-backend-redis", "s3", "cachet-backend-s3");

	private CachetPropertiesValidator() {
	}

	/**
	 * Checks durations and sizes.
	 * @throws CachetConfigurationException for the first bad value found
	 */
	static void validateCaching(CachetProperties properties) {
		// settings of tiers no cache uses are checked too: a typo must not wait until a tier is added
		validateMemory(properties.getMemory());
		validateDisk(properties.getDisk());
		if (properties.getDefaultMaxAge() == null) {
			throw new CachetConfigurationException("cachet.default-max-age", "must be set",
					"set a positive duration such as 12h");
		}
		positive("cachet.default-max-age", properties.getDefaultMaxAge());
		if (properties.getWriteBehind().getQueueCapacity() <= 0) {
			throw new CachetConfigurationException("cachet.write-behind.queue-capacity", "must be positive, was "
					+ properties.getWriteBehind().getQueueCapacity(), "set a number of writes such as 10000");
		}
		window("cachet.stale-while-revalidate", properties.getStaleWhileRevalidate(), true);
		window("cachet.stale-if-error", properties.getStaleIfError(), true);
		properties.getCaches().forEach((name, spec) -> {
			positive("cachet.caches." + name + ".max-age", spec.getMaxAge());
			window("cachet.caches." + name + ".stale-while-revalidate", spec.getStaleWhileRevalidate(), false);
			window("cachet.caches." + name + ".stale-if-error", spec.getStaleIfError(), false);
		});
		DataSize threshold = properties.getCodec().getCompressionThreshold();
		if (threshold == null || threshold.isNegative()) {
			throw new CachetConfigurationException("cachet.codec.compression-threshold", "must not be negative, was "
					+ threshold, "set a size such as 64KB, or 0 to compress every payload");
		}
		List<String> keys = properties.getSecurity().getKeys();
		for (int i = 0; i < keys.size(); i++) {
			// never echo the key itself: it is a secret
			if (keys.get(i) == null || keys.get(i).getBytes(StandardCharsets.UTF_8).length < 16) {
				throw new CachetConfigurationException("cachet.security.keys[" + i + "]", "is shorter than 16 bytes",
						"use a random secret of at least 32 characters, for example from 'openssl rand -base64 32'");
			}
		}
	}

	/** Checks {@code cachet.memory.*}. */
	static void validateMemory(CachetProperties.Memory memory) {
		positive("cachet.memory.max-size", memory.getMaxSize());
		positive("cachet.memory.max-age", memory.getMaxAge());
	}

	/** Checks {@code cachet.disk.*}. */
	static void validateDisk(CachetProperties.Disk disk) {
		positive("cachet.disk.max-size", disk.getMaxSize());
		positive("cachet.disk.max-age", disk.getMaxAge());
		positive("cachet.disk.sweep-interval", disk.getSweepInterval());
		if (disk.getMinFree() == null || disk.getMinFree().isNegative()) {
			throw new CachetConfigurationException("cachet.disk.min-free", "must not be negative, was "
					+ disk.getMinFree(), "set a size such as 100MB, or 0 to write until the disk is full");
		}
	}

	/**
	 * Checks that every tier named is available: registered by a backend's configuration or by the
	 * application itself (a {@link TierRegistration} bean).
	 * @param available the tiers whose backend is on the class path and configured
	 * @throws CachetConfigurationException for the first bad tier list found
	 */
	static void validateTiers(CachetProperties properties, Set<String> available) {
		tiers("cachet.tiers", properties.getTiers(), available);
		properties.getCaches().forEach((name, spec) -> {
			if (spec.getTiers() != null) {
				tiers("cachet.caches." + name + ".tiers", spec.getTiers(), available);
			}
		});
	}

	/**
	 * Refuses a duration that is not set or not positive.
	 * @throws CachetConfigurationException naming {@code property}
	 */
	public static void requirePositive(String property, Duration value) {
		if (value == null) {
			throw new CachetConfigurationException(property, "must be set", "set a positive duration such as 5s or 12h");
		}
		positive(property, value);
	}

	/**
	 * Refuses a circuit breaker's failure threshold below one.
	 * @throws CachetConfigurationException naming {@code property}
	 */
	public static void requireFailureThreshold(String property, int threshold) {
		if (threshold < 1) {
			throw new CachetConfigurationException(property, "must be at least 1, was " + threshold,
					"set the number of consecutive failures that open the circuit, such as 5");
		}
	}

	/** Refuses a negative stale window, and an unset global one. */
	private static void window(String property, Duration value, boolean required) {
		if (value == null && required) {
			throw new CachetConfigurationException(property, "must be set",
					"set a duration such as 5m, or 0 to turn the window off");
		}
		if (value != null && value.isNegative()) {
			throw new CachetConfigurationException(property, "must not be negative, was " + value,
					"set how long past its max-age an entry may still be served, such as 5m, or 0 to turn it off");
		}
	}

	private static void positive(String property, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new CachetConfigurationException(property, "must be positive, was " + value,
					"set a positive duration such as 30m, 12h or 7d");
		}
	}

	private static void positive(String property, DataSize value) {
		if (value == null || value.isNegative() || value.toBytes() == 0) {
			throw new CachetConfigurationException(property, "must be positive, was " + value,
					"set a positive size such as 512MB or 10GB");
		}
	}

	private static void tiers(String property, List<String> names, Set<String> available) {
		if (names == null || names.isEmpty()) {
			throw new CachetConfigurationException(property, "names no tier",
					"list at least one of " + new TreeSet<>(available) + ", nearest first");
		}
		for (String name : names) {
			if (available.contains(name)) {
				continue;
			}
			if (BUILT_IN_TIERS.containsKey(name)) {
				throw new CachetConfigurationException(property, "tier '" + name + "' is not available",
						"add the dependency " + BUILT_IN_TIERS.get(name) + " and configure it");
			}
			throw new CachetConfigurationException(property, "unknown tier '" + name + "'",
					"use tiers from " + new TreeSet<>(available) + ", nearest first, or register a TierRegistration bean named '"
							+ name + "'");
		}
		if (Set.copyOf(names).size() != names.size()) {
			throw new CachetConfigurationException(property, "names a tier twice: " + names, "name each tier once");
		}
	}

}
