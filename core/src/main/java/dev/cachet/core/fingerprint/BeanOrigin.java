package dev.cachet.core.fingerprint;

import java.lang.reflect.Method;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the container knows about how one bean was made, for the fingerprints of the methods that
 * reach it.
 *
 * @param name                 the bean name
 * @param factoryMethod        the {@code @Bean} method that built it, or {@code null} when the
 *                             container called a constructor
 * @param configuration        configuration values bound into it through {@code @Value}, by
 *                             property name (or expression when it names none); the values enter
 *                             fingerprints only as hashes and are never shown
 * @param propertiesPrefix     the prefix when it is a {@code @ConfigurationProperties} bean, else
 *                             {@code null}
 * @param dependencies         the beans it was injected with, by name, whether or not it keeps
 *                             them in a field (a constructor may have used one to compute its state)
 */
public record BeanOrigin(String name, @Nullable Method factoryMethod, Map<String, String> configuration,
		@Nullable String propertiesPrefix, Map<String, Object> dependencies) {

	public BeanOrigin {
		configuration = Map.copyOf(configuration);
		dependencies = Map.copyOf(dependencies);
	}

}
