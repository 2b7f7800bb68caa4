package dev.cachet.sample.testing;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.cache.test.autoconfigure.AutoConfigureCache;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.ApplicationContext;

import dev.cachet.autoconfigure.TierRegistration;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.sample.ShipsController;

import static org.assertj.core.api.Assertions.assertThat;

/** Boot's usual off switches turn Cachet off too: no Cachet bean, no disk tier, every call computes. */
class CachingSwitchedOffTests {

	static final String DATA = "target/test-data";

	static void assertNoCaching(ApplicationContext context) {
		assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
		assertThat(context.getBeanNamesForType(TieredCacheManager.class)).isEmpty();
		assertThat(context.getBeanNamesForType(TierRegistration.class)).isEmpty();
		ShipsController ships = context.getBean(ShipsController.class);
		assertThat(ships.ships(100, 1).cacheHit()).isFalse();
		assertThat(ships.ships(100, 1).cacheHit()).isFalse();
	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { "ais.rows=" + DeveloperCache.ROWS, "ais.data-dir=" + DATA })
	@AutoConfigureCache
	class WithAutoConfigureCache {

		@Test
		void everyCallComputes(@Autowired ApplicationContext context) {
			assertNoCaching(context);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
			properties = { "ais.rows=" + DeveloperCache.ROWS, "ais.data-dir=" + DATA, "spring.cache.type=none" })
	class WithSpringCacheTypeNone {

		@Test
		void everyCallComputes(@Autowired ApplicationContext context) {
			assertNoCaching(context);
		}

	}

}
