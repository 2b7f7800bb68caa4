package dev.cachet.core.fingerprint;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;

/**
 * {@link BeanOrigins} read from a bean factory: the {@code @Bean} method of a bean, the
 * {@code @Value} expressions on its fields, constructors, methods and factory method (placeholders
 * resolved, SpEL left as written, so nothing that differs between runs enters), its
 * {@code @ConfigurationProperties} prefix and the beans it depends on.
 */
public final class BeanFactoryOrigins implements BeanOrigins {

	private static final String CONFIGURATION_PROPERTIES = "org.springframework.boot.context.properties.ConfigurationProperties";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

	private final ConfigurableListableBeanFactory beanFactory;

	private Map<Object, String> names = new IdentityHashMap<>();

	private int namedSingletons = -1;

	public BeanFactoryOrigins(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Optional<BeanOrigin> of(Object object) {
		String name = nameOf(object);
		if (name == null) {
			return Optional.empty();
		}
		Method factoryMethod = factoryMethod(name);
		Class<?> type = ClassUtils.getUserClass(object);
		Map<String, Object> dependencies = new TreeMap<>();
		for (String dependency : this.beanFactory.getDependenciesForBean(name)) {
			Object bean = this.beanFactory.containsSingleton(dependency) ? this.beanFactory.getSingleton(dependency)
					: null;
			if (bean != null) {
				dependencies.put(dependency, bean);
			}
		}
		return Optional.of(new BeanOrigin(name, factoryMethod, configuration(type, factoryMethod),
				propertiesPrefix(type, factoryMethod), dependencies));
	}

	/** Singletons by identity, proxies and their targets alike; rebuilt when more were created. */
	private synchronized @Nullable String nameOf(Object object) {
		if (this.beanFactory.getSingletonCount() != this.namedSingletons) {
			Map<Object, String> byIdentity = new IdentityHashMap<>();
			for (String name : this.beanFactory.getSingletonNames()) {
				Object bean = this.beanFactory.getSingleton(name);
				while (bean != null) {
					byIdentity.putIfAbsent(bean, name);
					bean = AopProxyUtils.getSingletonTarget(bean);
				}
			}
			this.names = byIdentity;
			this.namedSingletons = this.beanFactory.getSingletonCount();
		}
		return this.names.get(object);
	}

	private @Nullable Method factoryMethod(String name) {
		try {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(name);
			return (definition instanceof RootBeanDefinition root) ? root.getResolvedFactoryMethod() : null;
		}
		catch (NoSuchBeanDefinitionException ex) {
			return null; // registered as a ready-made singleton
		}
	}

	private Map<String, String> configuration(Class<?> type, @Nullable Method factoryMethod) {
		Map<String, String> values = new TreeMap<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				addValue(field, values);
			}
			for (Constructor<?> constructor : current.getDeclaredConstructors()) {
				addParameterValues(constructor, values);
			}
			for (Method method : current.getDeclaredMethods()) {
				addValue(method, values);
				addParameterValues(method, values);
			}
		}
		if (factoryMethod != null) {
			addParameterValues(factoryMethod, values);
		}
		return values;
	}

	private void addParameterValues(Executable executable, Map<String, String> values) {
		for (Parameter parameter : executable.getParameters()) {
			addValue(parameter, values);
		}
	}

	private void addValue(AnnotatedElement element, Map<String, String> values) {
		Value value = AnnotatedElementUtils.findMergedAnnotation(element, Value.class);
		if (value != null) {
			values.merge(propertyNames(value.value()), resolve(value.value()), (one, other) -> one + "\n" + other);
		}
	}

	private String resolve(String expression) {
		try {
			String resolved = this.beanFactory.resolveEmbeddedValue(expression);
			return (resolved != null) ? resolved : "";
		}
		catch (IllegalArgumentException ex) {
			return "unresolvable " + expression;
		}
	}

	/** The property names an expression reads, for saying what changed; else the expression. */
	private static String propertyNames(String expression) {
		StringBuilder names = new StringBuilder();
		Matcher matcher = PLACEHOLDER.matcher(expression);
		while (matcher.find()) {
			names.append((names.length() > 0) ? "," : "").append(matcher.group(1).trim());
		}
		return (names.length() > 0) ? names.toString() : expression;
	}

	private static @Nullable String propertiesPrefix(Class<?> type, @Nullable Method factoryMethod) {
		MergedAnnotation<?> annotation = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY)
			.get(CONFIGURATION_PROPERTIES);
		if (!annotation.isPresent() && factoryMethod != null) {
			annotation = MergedAnnotations.from(factoryMethod).get(CONFIGURATION_PROPERTIES);
		}
		return annotation.isPresent() ? annotation.getString("prefix") : null;
	}

}
