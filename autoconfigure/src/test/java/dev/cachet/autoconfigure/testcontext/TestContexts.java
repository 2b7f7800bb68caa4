package dev.cachet.autoconfigure.testcontext;

import java.nio.file.Path;

import org.springframework.context.ApplicationContext;

import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/** What every test context must show: a disk folder of its own, where a first call computes. */
final class TestContexts {

	private TestContexts() {
	}

	static void assertOwnFolderAndFirstCallComputes(ApplicationContext context) {
		Path folder = Path.of(context.getBean(TieredCacheManager.class).tiers().get("disk").tier().location());
		assertThat(folder).isDirectory().startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
		assertThat(folder.startsWith(Path.of(System.getProperty("user.home"), ".cache", "cachet")))
			.as("under the developer's cache folder")
			.isFalse();
		assertThat(folder.getFileName().toString()).startsWith("cachet-test-");
		Squares squares = context.getBean(Squares.class);
		int before = squares.computations();
		int n = 1_000 + before;
		assertThat(squares.square(n)).isEqualTo(n * n);
		assertThat(squares.computations()).as("the first call computes").isEqualTo(before + 1);
		assertThat(squares.square(n)).isEqualTo(n * n);
		assertThat(squares.computations()).as("the second call hits").isEqualTo(before + 1);
	}

}
