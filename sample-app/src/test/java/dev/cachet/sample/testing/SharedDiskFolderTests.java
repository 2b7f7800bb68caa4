package dev.cachet.sample.testing;

import java.nio.file.Path;

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

/** A test that names the shared folder itself opts in: it reads what the application left there. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext // its context read a user.home that is restored after the class
class SharedDiskFolderTests {

	@TempDir
	static Path home;

	static DeveloperCache developer;

	@BeforeAll
	static void seed() {
		developer = DeveloperCache.seed(home);
	}

	@AfterAll
	static void restore() {
		developer.restoreHome();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("ais.data-dir", () -> developer.dataDir().toString());
		registry.add("ais.rows", () -> DeveloperCache.ROWS);
		registry.add("cachet.disk.path", () -> developer.folder().toString());
	}

	@Autowired
	ShipsController ships;

	@Autowired
	TieredCacheManager cacheManager;

	@Test
	void readsTheSharedFolder() {
		assertThat(Path.of(cacheManager.tiers().get("disk").tier().location())).isEqualTo(developer.folder());
		assertThat(ships.ships(100, 1).cacheHit()).as("the application's entry").isTrue();
	}

}
