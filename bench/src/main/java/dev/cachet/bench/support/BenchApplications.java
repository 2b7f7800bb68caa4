package dev.cachet.bench.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the small Spring applications the benchmarks measure. Properties are passed as command
 * line arguments, which win over any {@code application.yml} on the class path (the sample app's
 * is), and no configuration file is read at all.
 */
public final class BenchApplications {

	private BenchApplications() {
	}

	/** Runs {@code sources} without a web server, quietly, with {@code properties} ({@code key=value}). */
	public static ConfigurableApplicationContext run(List<Class<?>> sources, String... properties) {
		List<String> arguments = new ArrayList<>(List.of("--spring.config.name=cachet-bench-none",
				"--logging.level.root=warn"));
		for (String property : properties) {
			arguments.add("--" + property);
		}
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(arguments.toArray(String[]::new));
	}

}
