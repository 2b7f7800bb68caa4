package dev.cachet.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/** Where a property was set and how it was written, for messages that point at it. */
final class PropertyOrigins {

	private PropertyOrigins() {
	}

	/**
	 * The property as the first source that sets it holds it (for a list, its first element, when
	 * it was written as one); {@code null} when no source sets it.
	 */
	static @Nullable ConfigurationProperty find(Environment environment, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty set = source.getConfigurationProperty(name);
			if (set == null) {
				set = source.getConfigurationProperty(name.append("[0]"));
			}
			if (set != null) {
				return set;
			}
		}
		return null;
	}

}
