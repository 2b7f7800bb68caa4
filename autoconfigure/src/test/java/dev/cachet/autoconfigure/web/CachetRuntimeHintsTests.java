package dev.cachet.autoconfigure.web;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's AOT processing learns from {@code aot.factories} what Cachet reads at run time.
 */
class CachetRuntimeHintsTests {

	@Test
	void theDashboardPageIsARegisteredResourceThroughAotFactories() {
		RuntimeHints hints = new RuntimeHints();
		ClassLoader classLoader = getClass().getClassLoader();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories", classLoader)
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, classLoader));

		assertThat(new ClassPathResource(DashboardPage.RESOURCE).exists()).isTrue();
		assertThat(RuntimeHintsPredicates.resource().forResource(DashboardPage.RESOURCE)).accepts(hints);
	}

}
