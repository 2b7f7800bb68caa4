package dev.cachet.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Warnings at start-up about configuration that binds but is probably not what was meant: a
 * {@code cachet.*} property no Cachet setting reads (a misspelt {@code cachet.default-maxage} or
 * {@code cachet.tier} is otherwise silently ignored), and a tier list with a slower tier in front of
 * a faster one. Each names where the property was set.
 */
final class StartupWarnings {

	private static final Logger logger = LoggerFactory.getLogger(StartupWarnings.class);

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("cachet");

	/** Nearest first: a tier list should not go against this order. */
	private static final List<String> SPEED_ORDER = List.of("memory", "disk", "redis", "s3");

	private StartupWarnings() {
	}

	/** Warns about every {@code cachet.*} property that none of {@code settings} (prefix to class) reads. */
	static void unknownProperties(Environment environment, Map<String, Class<?>> settings) {
		Binder binder = Binder.get(environment);
		BoundNames bound = new BoundNames();
		settings.forEach((prefix, type) -> {
			try {
				binder.bind(prefix, Bindable.of(type), bound);
			}
			catch (RuntimeException | LinkageError ex) {
				// a value that does not bind is reported by the binding itself; an absent backend reads nothing
			}
		});
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.stream().filter(ROOT::isAncestorOf).filter((name) -> !bound.covers(name)).forEach((name) -> {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				logger.warn("Unknown property '{}'{} is ignored: no Cachet setting of that name (see the "
						+ "configuration reference in Cachet's README)", name, origin(property));
			});
		}
	}

	/** Warns when {@code tiers}, set by {@code property}, puts a slower tier in front of a faster one. */
	static void tierOrder(Environment environment, String property, @Nullable List<String> tiers) {
		if (tiers == null) {
			return;
		}
		List<Integer> ranks = tiers.stream().map(SPEED_ORDER::indexOf).filter((rank) -> rank >= 0).toList();
		for (int i = 1; i < ranks.size(); i++) {
			if (ranks.get(i) < ranks.get(i - 1)) {
				ConfigurationProperty set = PropertyOrigins.find(environment, property);
				logger.warn("'{}'{} puts a slower tier in front of a faster one: {}; tiers are read in order, nearest "
						+ "first ({})", property, origin(set), tiers, String.join(", ", SPEED_ORDER));
				return;
			}
		}
	}

	private static String origin(@Nullable ConfigurationProperty property) {
		return (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
	}

	/**
	 * Records the names that bound to a setting: leaves, lists and maps of plain values. A nested
	 * settings object is not recorded itself, so an unknown name below it stays unknown.
	 */
	private static final class BoundNames extends AbstractBindHandler {

		private final Set<ConfigurationPropertyName> names = new HashSet<>();

		@Override
		public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			if (isValue(target.getType())) {
				this.names.add(name);
			}
			return result;
		}

		boolean covers(ConfigurationPropertyName name) {
			for (ConfigurationPropertyName current = name; !current.isEmpty(); current = current.getParent()) {
				if (this.names.contains(current)) {
					return true;
				}
			}
			return false;
		}

		private static boolean isValue(ResolvableType type) {
			Class<?> resolved = type.resolve(Object.class);
			if (Map.class.isAssignableFrom(resolved)) {
				return !isSettings(type.asMap().resolveGeneric(1));
			}
			if (Collection.class.isAssignableFrom(resolved)) {
				return !isSettings(type.asCollection().resolveGeneric(0));
			}
			return !isSettings(resolved);
		}

		/** Cachet's own settings classes, which hold further settings (enums are values). */
		private static boolean isSettings(@Nullable Class<?> type) {
			return type != null && !type.isEnum() && type.getName().startsWith("dev.cachet.autoconfigure.");
		}

	}

}
