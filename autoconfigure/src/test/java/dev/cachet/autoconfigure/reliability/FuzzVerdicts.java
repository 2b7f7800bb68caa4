package dev.cachet.autoconfigure.reliability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.cache.support.NullValue;

import dev.cachet.autoconfigure.reliability.EnvelopeMutator.Kind;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.key.CachetKey;

/**
 * Reads planted damaged or forged envelopes through {@link TieredCache#get(Object, java.util.concurrent.Callable)}
 * and judges each result: the original value or a miss (the call computes) for damage and forged headers, at
 * worst another value of an allowed class for forged payloads (unless the envelopes were signed: then those
 * too are the original or a miss), never an exception.
 */
final class FuzzVerdicts {

	private final ClassAllowlist allowlist = ClassAllowlist.of(List.of(HandWiredTiers.VALUES_PACKAGE));

	/** Per kind: original, miss, other value. */
	private final Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class);

	private final List<String> violations = new ArrayList<>();

	/** Whether the envelopes were signed, so that forged payloads must be misses too. */
	private final boolean signed;

	FuzzVerdicts() {
		this(false);
	}

	FuzzVerdicts(boolean signed) {
		this.signed = signed;
	}

	/** Reads case {@code number}, planted under {@code key} in {@code tier}, and records the verdict. */
	void read(TieredCache cache, String key, int number, String tier, Kind kind, Object original) {
		String computed = "computed-" + number;
		String where = "case " + number + " (" + kind + " in " + tier + ")";
		Object result;
		try {
			result = cache.get(CachetKey.of(key), () -> computed);
		}
		catch (Throwable ex) {
			this.violations.add(where + " threw " + ex);
			return;
		}
		int[] counts = this.outcomes.computeIfAbsent(kind, (k) -> new int[3]);
		if (original.equals(result)) {
			counts[0]++;
		}
		else if (computed.equals(result)) {
			counts[1]++;
		}
		else {
			counts[2]++;
			String type = (result != null) ? result.getClass().getName() : "null";
			if (kind.originalOrMiss || this.signed) {
				this.violations.add(where + " returned another " + type);
			}
			else if (result != null && result != NullValue.INSTANCE && !this.allowlist.isAllowed(type)) {
				this.violations.add(where + " returned a " + type + " outside the allowlist");
			}
		}
	}

	List<String> violations() {
		return this.violations;
	}

	/** How many reads computed: the mutant was refused. */
	int misses() {
		return this.outcomes.values().stream().mapToInt((counts) -> counts[1]).sum();
	}

	/** Prints the outcome counts by kind. */
	void print() {
		System.out.println("  outcomes [original, miss, other value] by kind:");
		this.outcomes.forEach((kind, counts) -> System.out.printf("  %-20s %5d %5d %5d%n", kind, counts[0], counts[1],
				counts[2]));
	}

}
