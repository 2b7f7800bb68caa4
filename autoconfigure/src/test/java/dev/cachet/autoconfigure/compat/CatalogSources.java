package dev.cachet.autoconfigure.compat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sources of a small application, {@code com.acme.catalog}, compiled at test time in variants that
 * differ in one method body. Its {@code Catalog} bean has two {@code @Cacheable} methods keyed the
 * way a {@link KeyKind} says ({@code edited}, the one an edit touches, and {@code kept}), and a
 * {@code @CachePut} writer with a {@code @Cacheable} reader of the same entries. Every body counts
 * its runs in {@code Runs}.
 */
final class CatalogSources {

	static final String PACKAGE = "com.acme.catalog";

	static final String APPLICATION = PACKAGE + ".CatalogApplication";

	static final String RUNS = PACKAGE + ".Runs";

	private CatalogSources() {
	}

	/** How the {@code @Cacheable} methods {@code edited} and {@code kept} make their keys. */
	enum KeyKind {

		/** Cachet's default key generator. */
		DEFAULT_KEY("@Cacheable(\"catalog\")", ""),

		/** An explicit key expression. */
		KEY_EXPRESSION("@Cacheable(cacheNames = \"catalog\", key = \"#id\")", ""),

		/** The application's own key generator bean, named on the annotation. */
		KEY_GENERATOR_BEAN("@Cacheable(cacheNames = \"catalog\", keyGenerator = \"catalogKeys\")",
				"@Bean public KeyGenerator catalogKeys() { return new CatalogKeys(); }"),

		/** A user {@code CachingConfigurer} that only sets an error handler: Spring's key generator. */
		CONFIGURER_ERROR_HANDLER("@Cacheable(\"catalog\")", """
				@Bean public CachingConfigurer cachingConfigurer() {
					return new CachingConfigurer() {
						@Override public CacheErrorHandler errorHandler() { return new SimpleCacheErrorHandler(); }
					};
				}"""),

		/** A user {@code CachingConfigurer} with its own default key generator. */
		CONFIGURER_KEY_GENERATOR("@Cacheable(\"catalog\")", """
				@Bean public CachingConfigurer cachingConfigurer() {
					return new CachingConfigurer() {
						@Override public KeyGenerator keyGenerator() { return new CatalogKeys(); }
					};
				}""");

		private final String annotation;

		private final String beans;

		KeyKind(String annotation, String beans) {
			this.annotation = annotation;
			this.beans = beans;
		}

	}

	/** The one change a variant makes to the first one. */
	enum Edit {

		NONE, EDITED, READER, WRITER

	}

	/** Class name to source text of the variant. */
	static Map<String, String> variant(KeyKind kind, Edit edit) {
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put(PACKAGE + ".Catalog", catalog(kind, edit));
		sources.put(APPLICATION, application(kind));
		sources.put(RUNS, RUNS_SOURCE);
		sources.put(PACKAGE + ".CatalogKeys", KEYS_SOURCE);
		return sources;
	}

	private static String catalog(KeyKind kind, Edit edit) {
		return """
				package com.acme.catalog;

				import org.springframework.cache.annotation.CachePut;
				import org.springframework.cache.annotation.Cacheable;

				public class Catalog {

					%1$s
					public String edited(String id) {
						Runs.count("edited");
						return "edited %2$s " + id;
					}

					%1$s
					public String kept(String id) {
						Runs.count("kept");
						return "kept " + id;
					}

					@CachePut(cacheNames = "accounts", key = "#id")
					public String save(String id, String name) {
						Runs.count("save");
						return "saved %3$s " + name;
					}

					@Cacheable("accounts")
					public String read(String id) {
						Runs.count("read");
						return "read %4$s " + id;
					}

				}
				""".formatted(kind.annotation, version(edit == Edit.EDITED), version(edit == Edit.WRITER),
				version(edit == Edit.READER));
	}

	private static String version(boolean edited) {
		return edited ? "v2" : "v1";
	}

	private static String application(KeyKind kind) {
		return """
				package com.acme.catalog;

				import org.springframework.cache.annotation.CachingConfigurer;
				import org.springframework.cache.annotation.EnableCaching;
				import org.springframework.cache.interceptor.CacheErrorHandler;
				import org.springframework.cache.interceptor.KeyGenerator;
				import org.springframework.cache.interceptor.SimpleCacheErrorHandler;
				import org.springframework.context.annotation.Bean;
				import org.springframework.context.annotation.Configuration;

				@Configuration(proxyBeanMethods = false)
				@EnableCaching
				public class CatalogApplication {

					@Bean public Catalog catalog() { return new Catalog(); }

					%s

				}
				""".formatted(kind.beans);
	}

	private static final String RUNS_SOURCE = """
			package com.acme.catalog;

			import java.util.Map;
			import java.util.TreeMap;

			public final class Runs {

				private static final Map<String, Integer> counts = new TreeMap<>();

				private Runs() {
				}

				public static synchronized void count(String method) {
					counts.merge(method, 1, Integer::sum);
				}

				public static synchronized Map<String, Integer> counts() {
					return new TreeMap<>(counts);
				}

			}
			""";

	private static final String KEYS_SOURCE = """
			package com.acme.catalog;

			import java.lang.reflect.Method;

			import org.springframework.cache.interceptor.KeyGenerator;

			public class CatalogKeys implements KeyGenerator {

				@Override
				public Object generate(Object target, Method method, Object... params) {
					return "catalog:" + params[0];
				}

			}
			""";

}
