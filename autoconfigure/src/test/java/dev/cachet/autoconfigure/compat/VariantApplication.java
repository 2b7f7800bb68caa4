package dev.cachet.autoconfigure.compat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.interceptor.CacheInterceptor;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One compiled variant of a small application (by default the catalog application), started as a
 * Spring Boot application would be: Cachet's auto-configuration with the memory and disk tiers, the
 * application's classes in their own class loader, and the fingerprint scoped to its package. Each
 * {@link #run} is a new start over the given disk folder, as after a rebuild and restart. A class
 * loader over a folder holds no open files, so nothing needs closing.
 */
final class VariantApplication {

	private final URLClassLoader loader;

	private final Shape shape;

	VariantApplication(URLClassLoader loader, Shape shape) {
		this.loader = loader;
		this.shape = shape;
	}

	static VariantApplication compile(Path folder, Map<String, String> sources) {
		return compile(folder, sources, new Shape(CatalogSources.PACKAGE, CatalogSources.APPLICATION, "catalog",
				CatalogSources.RUNS));
	}

	static VariantApplication compile(Path folder, Map<String, String> sources, Shape shape) {
		return new VariantApplication(VariantCompiler.compile(folder, sources), shape);
	}

	/**
	 * Starts the application over {@code disk} with {@code properties} added, hands it to
	 * {@code test}, and stops it.
	 */
	void run(Path disk, ThrowingConsumer<Running> test, String... properties) throws Exception {
		new ApplicationContextRunner().withClassLoader(loader)
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(loader.loadClass(shape.application()))
			.withPropertyValues("cachet.tiers=memory,disk", "cachet.disk.path=" + disk,
					"cachet.fingerprint.packages=" + shape.packageName())
			.withPropertyValues(properties)
			.run(context -> {
				assertThat(context).hasNotFailed();
				ready(context);
				test.accept(new Running(context));
			});
	}

	/**
	 * Tells the application it is ready, as Spring Boot would, and waits for the fingerprints Cachet
	 * records then: a later start compares its own with them.
	 */
	private static void ready(ConfigurableApplicationContext context) throws InterruptedException {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().equals("cachet-fingerprint")) {
				thread.join(60_000);
			}
		}
	}

	/** The started application. */
	final class Running {

		private final AssertableApplicationContext context;

		private Running(AssertableApplicationContext context) {
			this.context = context;
		}

		/** Calls a method of the application's bean (through its caching proxy) with string arguments. */
		Object call(String method, String... arguments) throws Exception {
			Object catalog = context.getBean(shape.bean());
			Class<?>[] types = new Class<?>[arguments.length];
			Arrays.fill(types, String.class);
			Method target = catalog.getClass().getMethod(method, types);
			try {
				return target.invoke(catalog, (Object[]) arguments);
			}
			catch (InvocationTargetException ex) {
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
		}

		/** How often each method body ran in this start. */
		@SuppressWarnings("unchecked")
		Map<String, Integer> runs() throws Exception {
			return (Map<String, Integer>) loader.loadClass(shape.runs()).getMethod("counts").invoke(null);
		}

		/** Entries of {@code cache} the tiers held but did not serve, for {@code reason}. */
		long rejected(String cache, MissReason reason) {
			TieredCache tiered = (TieredCache) context.getBean(TieredCacheManager.class).getCache(cache);
			return tiered.statistics().rejected(reason);
		}

		CacheInterceptor interceptor() {
			return context.getBean(CacheInterceptor.class);
		}

		AssertableApplicationContext context() {
			return context;
		}

	}

	/**
	 * What the test needs to know of an application's sources.
	 *
	 * @param packageName the application's package, its fingerprint scope
	 * @param application its configuration class
	 * @param bean        the name of the bean whose methods {@link Running#call} calls
	 * @param runs        the class whose static {@code counts()} tells how often each body ran
	 */
	record Shape(String packageName, String application, String bean, String runs) {
	}

	/** A test step that may throw. */
	@FunctionalInterface
	interface ThrowingConsumer<T> {

		void accept(T value) throws Exception;

	}

}
