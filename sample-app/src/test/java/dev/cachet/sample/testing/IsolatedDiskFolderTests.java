package dev.cachet.sample.testing;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.sample.ShipsController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app under {@code @SpringBootTest} on a machine whose default cache folder already holds
 * the answer: the test context has a disk folder of its own, its first call computes, and the
 * developer's folder is left exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext // its context read a user.home that is restored after the class
class IsolatedDiskFolderTests {

	@TempDir
	static Path home;

	static DeveloperCache developer;

	static Map<String, String> before;

	@BeforeAll
	static void seed() {
		developer = DeveloperCache.seed(home);
		before = developer.files();
	}

	@AfterAll
	static void restore() {
		developer.restoreHome();
	}

	@DynamicPropertySource
	static void data(DynamicPropertyRegistry registry) {
		registry.add("ais.data-dir", () -> developer.dataDir().toString());
		registry.add("ais.rows", () -> DeveloperCache.ROWS);
	}

	@Autowired
	ShipsController ships;

	@Autowired
	TieredCacheManager cacheManager;

	@Test
	void firstCallComputesInAFolderOfTheContextsOwn() {
		Path folder = Path.of(cacheManager.tiers().get("disk").tier().location());
		assertThat(folder.startsWith(home)).as("disk folder %s under the developer's home", folder).isFalse();
		assertThat(folder.getFileName().toString()).startsWith("cachet-test-cachet-sample-");

		assertThat(ships.ships(100, 1).cacheHit()).as("the first call computes").isFalse();
		assertThat(ships.ships(100, 1).cacheHit()).as("the second call hits").isTrue();
		assertThat(developer.files()).as("the developer's folder, file by file").isEqualTo(before);
	}

}
