package dev.cachet.autoconfigure.compat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one scenario observes through a {@link Directory} and its cache manager: each step's result
 * in order, then how often each method body ran.
 */
final class Probe {

	private final Directory directory;

	private final CacheManager manager;

	private final List<String> seen = new ArrayList<>();

	Probe(Directory directory, CacheManager manager) {
		this.directory = directory;
		this.manager = manager;
	}

	Directory directory() {
		return directory;
	}

	Cache cache(String name) {
		return manager.getCache(name);
	}

	/** Records what a step returned. */
	void see(String step, Supplier<?> action) {
		seen.add(step + " -> " + describe(action.get()));
		settle();
	}

	/** Records that a step without a result ran. */
	void run(String step, Runnable action) {
		action.run();
		seen.add(step);
		settle();
	}

	/**
	 * Lets Cachet's queued writes land before the next step: the scenarios compare what each cache
	 * serves once a call's result is stored (what happens before that is {@code WriteBehindTests}').
	 */
	private void settle() {
		if (manager instanceof TieredCacheManager tiered) {
			try {
				assertThat(tiered.awaitWrites(Duration.ofSeconds(10))).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** The steps' results, then the body runs by method. */
	List<String> observations() {
		List<String> observations = new ArrayList<>(seen);
		observations.add("runs " + directory.runs());
		return observations;
	}

	private static String describe(Object result) {
		if (result instanceof Cache.ValueWrapper wrapper) {
			return "wrapper(" + wrapper.get() + ")";
		}
		return String.valueOf(result);
	}

}
