package dev.cachet.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quiets the codec library's chatter: Apache Fory logs every serializer instance it creates at
 * INFO, and warns that class registration is not forced although Cachet's allowlist checks every
 * class before it is loaded. Added as the lowest-precedence property source, so any
 * {@code logging.level.org.apache.fory} the application sets wins.
 */
class CachetLoggingDefaults implements EnvironmentPostProcessor {

	private static final String SOURCE = "cachetLoggingDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(SOURCE)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(SOURCE, Map.of("logging.level.org.apache.fory", "WARN",
					"logging.level.org.apache.fory.config.ForyBuilder", "ERROR")));
		}
	}

}
