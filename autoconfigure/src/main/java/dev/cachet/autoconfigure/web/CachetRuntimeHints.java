package dev.cachet.autoconfigure.web;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What Cachet reads at run time that Spring's AOT processing cannot find by itself: the dashboard
 * page, served from the class path. (The Actuator endpoint's answers are registered by Boot from its
 * operations; properties classes by Boot's binding.) Registered through {@code META-INF/spring/aot.factories}.
 */
public class CachetRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(DashboardPage.RESOURCE);
	}

}
