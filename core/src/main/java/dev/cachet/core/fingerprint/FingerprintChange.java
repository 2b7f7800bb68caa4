package dev.cachet.core.fingerprint;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two {@link MethodFingerprint#reached()} maps of the same method: the
 * reached application methods that appeared, disappeared, or whose own body hash differs. Used to
 * explain why a fingerprint changed.
 *
 * @param added   method ids reached now but not before, sorted
 * @param removed method ids reached before but not now, sorted
 * @param changed method ids reached both times with a different body hash, sorted
 */
public record FingerprintChange(List<String> added, List<String> removed, List<String> changed) {

	public FingerprintChange {
		added = List.copyOf(added);
		removed = List.copyOf(removed);
		changed = List.copyOf(changed);
	}

	/** Compares the reached methods of an earlier fingerprint with those of a later one. */
	public static FingerprintChange between(Map<String, String> before, Map<String, String> after) {
		List<String> added = after.keySet().stream().filter((id) -> !before.containsKey(id)).sorted().toList();
		List<String> removed = before.keySet().stream().filter((id) -> !after.containsKey(id)).sorted().toList();
		List<String> changed = after.keySet()
			.stream()
			.filter((id) -> before.containsKey(id) && !Objects.equals(before.get(id), after.get(id)))
			.sorted()
			.toList();
		return new FingerprintChange(added, removed, changed);
	}

	/** Whether no reached method was added, removed or changed. */
	public boolean isEmpty() {
		return this.added.isEmpty() && this.removed.isEmpty() && this.changed.isEmpty();
	}

}
