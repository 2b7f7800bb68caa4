package dev.cachet.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.MergedContextConfiguration;

import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disk folder of a context marked as a test context, the marker applied by the real customizer.
 * Application configuration is simulated by a property source behind the system properties, where
 * Boot puts {@code application.yml}.
 */
class TestContextDiskFolderTests {

	@TempDir
	Path temp;

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	private ApplicationContextRunner runner(boolean testContext) {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("spring.application.name=folders");
		return testContext ? runner.withInitializer(context -> new TestContextMarkerCustomizerFactory.Customizer()
			.customizeContext(context, new MergedContextConfiguration(getClass(), null, null, null, null))) : runner;
	}

	private ApplicationContextRunner withApplicationConfig(ApplicationContextRunner runner, Map<String, Object> values) {
		return runner.withInitializer(context -> context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'application.yml'", values)));
	}

	private static Path diskFolder(TieredCacheManager manager) {
		return Path.of(manager.tiers().get("disk").tier().location());
	}

	@Test
	void aTestContextGetsAFreshFolderOfItsOwnDeletedOnClose() {
		Path[] folders = new Path[2];
		for (int i = 0; i < folders.length; i++) {
			int run = i;
			runner(true).run(context -> {
				TieredCacheManager manager = context.getBean(TieredCacheManager.class);
				Path folder = diskFolder(manager);
				folders[run] = folder;
				assertThat(folder).isDirectory()
					.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
				assertThat(folder.startsWith(Path.of(System.getProperty("user.home"), ".cache", "cachet"))).isFalse();
				assertThat(folder.getFileName().toString()).startsWith("cachet-test-folders-");
				TieredCache cache = manager.getCache("any");
				cache.put("k", "v");
				assertThat(cache.get("k").get()).isEqualTo("v");
				try (var files = Files.walk(folder)) {
					assertThat(files.filter(Files::isRegularFile)).isNotEmpty();
				}
			});
			assertThat(folders[run]).as("deleted when the context closed").doesNotExist();
		}
		assertThat(folders[0]).isNotEqualTo(folders[1]);
	}

	@Test
	void aFolderFromTheApplicationsConfigurationIsNotUsedInATestContext() {
		Path configured = temp.resolve("developer");
		withApplicationConfig(runner(true), Map.of("cachet.disk.path", configured.toString())).run(context -> {
			assertThat(diskFolder(context.getBean(TieredCacheManager.class))).isNotEqualTo(configured);
			assertThat(configured).doesNotExist();
		});
	}

	@Test
	void aFolderTheTestNamesItselfIsUsedAndKept() {
		Path named = temp.resolve("named");
		runner(true).withPropertyValues("cachet.disk.path=" + named).run(context -> {
			assertThat(diskFolder(context.getBean(TieredCacheManager.class))).isEqualTo(named);
			context.getBean(TieredCacheManager.class).getCache("any").put("k", "v");
		});
		assertThat(named).isDirectory();
	}

	@Test
	void isolationCanBeSwitchedOffForAllTests() {
		Path configured = temp.resolve("shared");
		withApplicationConfig(runner(true),
				Map.of("cachet.disk.path", configured.toString(), "cachet.disk.isolate-in-tests", "false"))
			.run(context -> assertThat(diskFolder(context.getBean(TieredCacheManager.class))).isEqualTo(configured));
		assertThat(configured).isDirectory();
	}

	@Test
	void anApplicationThatIsNotATestContextUsesItsConfiguredFolder() {
		Path configured = temp.resolve("application");
		withApplicationConfig(runner(false), Map.of("cachet.disk.path", configured.toString()))
			.run(context -> assertThat(diskFolder(context.getBean(TieredCacheManager.class))).isEqualTo(configured));
		assertThat(configured).isDirectory();
	}

}
