package dev.cachet.sample.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.sample.SampleApplication;
import dev.cachet.sample.ShipsController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer's machine in a folder: {@code user.home} points there while a test class runs, and
 * the sample application, run once for real, has left the answer to {@code /ships} in its default
 * disk folder {@code ~/.cache/cachet/cachet-sample}. A test context that used that folder would get
 * a hit on its first call.
 */
final class DeveloperCache {

	/** Rows of the generated AIS file: small, the tests are about where entries live. */
	static final int ROWS = 500;

	private final Path home;

	private final String originalHome;

	private DeveloperCache(Path home) {
		this.home = home;
		this.originalHome = System.getProperty("user.home");
	}

	/** Points {@code user.home} at {@code home} and runs the application once there. */
	static DeveloperCache seed(Path home) {
		DeveloperCache cache = new DeveloperCache(home);
		System.setProperty("user.home", home.toString());
		try (ConfigurableApplicationContext application = SpringApplication.run(SampleApplication.class,
				"--spring.main.web-application-type=none", "--ais.data-dir=" + cache.dataDir(), "--ais.rows=" + ROWS)) {
			assertThat(application.getBean(ShipsController.class).ships(100, 1).cacheHit()).isFalse();
			assertThat(application.getBean(ShipsController.class).ships(100, 1).cacheHit()).isTrue();
		}
		assertThat(cache.files()).as("entries in the developer's folder").isNotEmpty();
		return cache;
	}

	/** The application's default disk folder on this "machine". */
	Path folder() {
		return home.resolve(".cache/cachet/cachet-sample");
	}

	Path dataDir() {
		return home.resolve("data");
	}

	/** Every file under the developer's folder with its size and modification time. */
	Map<String, String> files() {
		try (Stream<Path> files = Files.walk(folder())) {
			Map<String, String> listing = new TreeMap<>();
			files.filter(Files::isRegularFile).forEach(file -> {
				try {
					listing.put(folder().relativize(file).toString(),
							Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			return listing;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void restoreHome() {
		System.setProperty("user.home", originalHome);
	}

}
