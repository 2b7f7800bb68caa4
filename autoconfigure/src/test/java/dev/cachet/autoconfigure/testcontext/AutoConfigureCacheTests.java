package dev.cachet.autoconfigure.testcontext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.cache.test.autoconfigure.AutoConfigureCache;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.ApplicationContext;

import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Boot's {@code @AutoConfigureCache} switches caching off, Cachet included. */
@SpringBootTest(classes = SquaresApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureCache
class AutoConfigureCacheTests {

	@Autowired
	ApplicationContext context;

	@Test
	void givesBootsNoOpCacheManagerSoEveryCallComputes() {
		assertThat(context.getBeansOfType(TieredCacheManager.class)).isEmpty();
		assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
		Squares squares = context.getBean(Squares.class);
		int before = squares.computations();
		squares.square(7);
		squares.square(7);
		assertThat(squares.computations()).isEqualTo(before + 2);
	}

}
