package dev.cachet.autoconfigure.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

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
	}

	/** Records that a step without a result ran. */
	void run(String step, Runnable action) {
		action.run();
		seen.add(step);
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
