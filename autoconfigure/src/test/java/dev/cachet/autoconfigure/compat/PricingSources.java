package dev.cachet.autoconfigure.compat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sources of a small pricing application, {@code com.acme.pricing}, whose cached {@code price}
 * depends on everything ordinary Spring code depends on besides its own body: the bean's field
 * initializers and constructor, the implementation a {@code @Primary} picks, what a {@code @Bean}
 * method builds, a lambda declared as a {@code @Bean} behind a JDK interface, a
 * {@code @ConfigurationProperties} value read in the constructor and a {@code @Value}. The bean also
 * holds run-time state (a start time, a random id) that must not count, and a sibling
 * {@code @Cacheable label} that reads none of it. Each {@link Edit} changes one thing.
 */
final class PricingSources {

	static final VariantApplication.Shape SHAPE = new VariantApplication.Shape("com.acme.pricing",
			"com.acme.pricing.PricingApplication", "prices", "com.acme.pricing.Runs");

	private PricingSources() {
	}

	/** One change to the application, or none. */
	enum Edit {

		NONE,

		/** A field initializer of the cached bean. */
		FIELD_INITIALIZER("Map.of(\"apple\", 100)", "Map.of(\"apple\", 101)"),

		/** The cached bean's constructor. */
		CONSTRUCTOR("this.fee = 5;", "this.fee = 6;"),

		/** An instance initializer block. */
		INITIALIZER_BLOCK("{ bonus = 1; }", "{ bonus = 2; }"),

		/** {@code @Primary} moves to the other implementation. */
		PRIMARY_MOVED("@Primary @Component static class HalfUp", "@Component static class HalfUp",
				"@Component static class Down", "@Primary @Component static class Down"),

		/** The argument a {@code @Bean} method passes to what it builds. */
		BEAN_ARGUMENT("new Converter(3)", "new Converter(4)"),

		/** The body of a lambda declared as a {@code @Bean} of a JDK interface type. */
		LAMBDA_BEAN("x -> x - 1", "x -> x - 2"),

		/** A class the bean does not reach. */
		UNRELATED_CLASS("return \"unrelated 1\";", "return \"unrelated 2\";");

		/** Pairs of text to replace and its replacement. */
		private final String[] replacements;

		Edit(String... replacements) {
			this.replacements = replacements;
		}

	}

	static Map<String, String> variant(Edit edit) {
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("com.acme.pricing.Prices", apply(edit, PRICES));
		sources.put("com.acme.pricing.PricingApplication", apply(edit, APPLICATION));
		sources.put("com.acme.pricing.Roundings", apply(edit, ROUNDINGS));
		sources.put("com.acme.pricing.Converter", CONVERTER);
		sources.put("com.acme.pricing.PricingProperties", PROPERTIES);
		sources.put("com.acme.pricing.Unrelated", apply(edit, UNRELATED));
		sources.put("com.acme.pricing.Runs", RUNS);
		return sources;
	}

	private static String apply(Edit edit, String source) {
		String edited = source;
		for (int i = 0; i < edit.replacements.length; i += 2) {
			edited = edited.replace(edit.replacements[i], edit.replacements[i + 1]);
		}
		return edited;
	}

	private static final String PRICES = """
			package com.acme.pricing;

			import java.util.Map;
			import java.util.UUID;
			import java.util.function.IntUnaryOperator;

			import org.springframework.beans.factory.annotation.Value;
			import org.springframework.cache.annotation.Cacheable;
			import org.springframework.stereotype.Component;

			@Component("prices")
			public class Prices {

				private final Map<String, Integer> base = Map.of("apple", 100);

				private final long startedAt = System.nanoTime();

				private final String instanceId = UUID.randomUUID().toString();

				private final int fee;

				private int bonus;

				{ bonus = 1; }

				private final Rounding rounding;

				private final Converter converter;

				private final IntUnaryOperator discount;

				private final double rate;

				private final int tax;

				public Prices(Rounding rounding, Converter converter, IntUnaryOperator discount,
						PricingProperties properties, @Value("${pricing.tax:20}") int tax) {
					this.fee = 5;
					this.rounding = rounding;
					this.converter = converter;
					this.discount = discount;
					this.rate = properties.getRate();
					this.tax = tax;
				}

				@Cacheable("prices")
				public String price(String item) {
					Runs.count("price");
					int cents = discount.applyAsInt(converter.convert(base.get(item) + fee + bonus + tax));
					long rounded = rounding.round(cents * rate);
					return item + "=" + rounded + (startedAt == 0 ? "" : "") + (instanceId.isEmpty() ? "?" : "");
				}

				@Cacheable("labels")
				public String label(String item) {
					Runs.count("label");
					return "label " + item;
				}

			}
			""";

	private static final String APPLICATION = """
			package com.acme.pricing;

			import java.util.function.IntUnaryOperator;

			import org.springframework.boot.context.properties.EnableConfigurationProperties;
			import org.springframework.cache.annotation.EnableCaching;
			import org.springframework.context.annotation.Bean;
			import org.springframework.context.annotation.Configuration;
			import org.springframework.context.annotation.Import;

			@Configuration(proxyBeanMethods = false)
			@EnableCaching
			@EnableConfigurationProperties(PricingProperties.class)
			@Import({ Prices.class, Roundings.HalfUp.class, Roundings.Down.class, Unrelated.class })
			public class PricingApplication {

				@Bean public Converter converter() { return new Converter(3); }

				@Bean public IntUnaryOperator discount() { return x -> x - 1; }

			}
			""";

	private static final String ROUNDINGS = """
			package com.acme.pricing;

			import org.springframework.context.annotation.Primary;
			import org.springframework.stereotype.Component;

			public final class Roundings {

				@Primary @Component static class HalfUp implements Rounding {
					public long round(double value) { return Math.round(value); }
				}

				@Component static class Down implements Rounding {
					public long round(double value) { return (long) Math.floor(value); }
				}

				private Roundings() {
				}

			}

			interface Rounding {
				long round(double value);
			}
			""";

	private static final String CONVERTER = """
			package com.acme.pricing;

			public class Converter {

				private final int factor;

				public Converter(int factor) {
					this.factor = factor;
				}

				public int convert(int cents) {
					return cents * factor;
				}

			}
			""";

	private static final String PROPERTIES = """
			package com.acme.pricing;

			import org.springframework.boot.context.properties.ConfigurationProperties;

			@ConfigurationProperties("pricing")
			public class PricingProperties {

				private double rate = 1.0;

				private String currency = "EUR";

				public double getRate() { return rate; }

				public void setRate(double rate) { this.rate = rate; }

				public String getCurrency() { return currency; }

				public void setCurrency(String currency) { this.currency = currency; }

			}
			""";

	private static final String UNRELATED = """
			package com.acme.pricing;

			import org.springframework.stereotype.Component;

			@Component
			public class Unrelated {

				public String describe() {
					return "unrelated 1";
				}

			}
			""";

	private static final String RUNS = """
			package com.acme.pricing;

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

}
