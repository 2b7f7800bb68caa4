package dev.cachet.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers a {@link TestContextMarker} in every context built by Spring's TestContext framework.
 * <p>
 * Why this signal: the framework loads each {@link ContextCustomizerFactory} listed in
 * {@code META-INF/spring.factories} for every context it builds ({@code @SpringBootTest}, Boot's
 * test slices, a plain {@code @SpringJUnitConfig}) and for nothing else. A running application never
 * asks for this key, so this class is not even loaded there (spring-test is an optional dependency).
 * It is the public hook Boot itself uses, for {@code @AutoConfigureCache}'s property mapping among
 * others. The other candidates are weaker: the
 * {@code org.springframework.boot.test.context.SpringBootTestContextBootstrapper=true} property is
 * a context-cache "differentiator" that each bootstrapper may rename (slices put their own class
 * name) or drop, and plain Spring tests lack it; the "Inlined Test Properties" source exists only
 * when a test has inline properties; spring-test on the class path says nothing about the context at
 * hand, since an {@code ApplicationContextRunner} or a {@code SpringApplication.run} inside a test is
 * not a test context and keeps the configured folder.
 */
class TestContextMarkerCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer();
	}

	/** Stateless: all instances are equal, so the marker does not split Spring's context cache. */
	static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			if (!context.getBeanFactory().containsSingleton(TestContextMarker.BEAN_NAME)) {
				context.getBeanFactory().registerSingleton(TestContextMarker.BEAN_NAME, new TestContextMarker());
			}
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
