package dev.cachet.autoconfigure.compat;

import java.util.List;
import java.util.function.Consumer;

/**
 * One scenario of the compatibility table. A plain row must be observed alike by Spring's and
 * Cachet's caches; a differing row (a collision, a documented divergence) pins what each must
 * observe.
 *
 * @param name   what the scenario shows
 * @param steps  the calls to make
 * @param spring what Spring's caches must observe, or {@code null} for a plain row
 * @param cachet what Cachet's caches must observe, or {@code null} for a plain row
 */
record Row(String name, Consumer<Probe> steps, List<String> spring, List<String> cachet) {

	static Row same(String name, Consumer<Probe> steps) {
		return new Row(name, steps, null, null);
	}

	static Row differs(String name, Consumer<Probe> steps, List<String> spring, List<String> cachet) {
		return new Row(name, steps, List.copyOf(spring), List.copyOf(cachet));
	}

	boolean differs() {
		return spring != null;
	}

	@Override
	public String toString() {
		return name;
	}

}
