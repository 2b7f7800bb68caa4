package dev.cachet.core.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two {@link MethodFingerprint#components()} maps of the same method, in words
 * a developer can act on: the reached methods that appeared, disappeared or whose own body changed,
 * the libraries that moved ({@code org.apache.commons:commons-lang3 3.17.0 -> 3.18.0}), the
 * configuration properties that changed (by name, never by value), the injected classes that were
 * replaced, and a changed {@link CacheCodeVersion} or salt.
 *
 * @param added     method ids reached now but not before, sorted
 * @param removed   method ids reached before but not now, sorted
 * @param changed   method ids reached both times with a different body hash, sorted
 * @param libraries each library that moved, appeared or went, as a phrase
 * @param configuration the configuration properties whose value changed, appeared or went
 * @param wiring    each field whose injected class changed, as a phrase
 * @param versions  {@code @CacheCodeVersion} or salt changes, as phrases
 */
public record FingerprintChange(List<String> added, List<String> removed, List<String> changed,
		List<String> libraries, List<String> configuration, List<String> wiring, List<String> versions) {

	public FingerprintChange {
		added = List.copyOf(added);
		removed = List.copyOf(removed);
		changed = List.copyOf(changed);
		libraries = List.copyOf(libraries);
		configuration = List.copyOf(configuration);
		wiring = List.copyOf(wiring);
		versions = List.copyOf(versions);
	}

	/** Compares the components of an earlier fingerprint with those of a later one. */
	public static FingerprintChange between(Map<String, String> before, Map<String, String> after) {
		List<String> added = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		List<String> changed = new ArrayList<>();
		List<String> libraries = new ArrayList<>();
		List<String> configuration = new ArrayList<>();
		List<String> wiring = new ArrayList<>();
		List<String> versions = new ArrayList<>();
		Set<String> names = new TreeSet<>(before.keySet());
		names.addAll(after.keySet());
		for (String name : names) {
			String was = before.get(name);
			String is = after.get(name);
			if (Objects.equals(was, is)) {
				continue;
			}
			if (name.startsWith(FingerprintComponents.LIBRARY)) {
				libraries.add(name.substring(FingerprintComponents.LIBRARY.length()) + " " + libraryMove(was, is));
			}
			else if (name.startsWith(FingerprintComponents.CONFIG)) {
				configuration.add(name.substring(FingerprintComponents.CONFIG.length()));
			}
			else if (name.startsWith(FingerprintComponents.WIRING)) {
				wiring.add(name.substring(FingerprintComponents.WIRING.length()) + ": " + orNone(was) + " -> "
						+ orNone(is));
			}
			else if (!FingerprintComponents.isMethod(name)) {
				versions.add(name.equals(FingerprintComponents.SALT) ? "salt"
						: "@CacheCodeVersion on the " + name.substring(FingerprintComponents.VERSION.length()) + ": "
								+ orNone(was) + " -> " + orNone(is));
			}
			else {
				((was == null) ? added : (is == null) ? removed : changed).add(name);
			}
		}
		return new FingerprintChange(added, removed, changed, libraries, configuration, wiring, versions);
	}

	/** {@code 3.17.0 -> 3.18.0}; {@code rebuilt} when the version stayed and the content did not. */
	private static String libraryMove(String was, String is) {
		if (was == null || is == null) {
			return (was == null) ? "added" : "no longer reached";
		}
		String from = version(was);
		String to = version(is);
		return from.equals(to) ? from + " rebuilt" : from + " -> " + to;
	}

	/** A library component's value is its version, a space and its content digest. */
	private static String version(String value) {
		int space = value.indexOf(' ');
		return (space >= 0) ? value.substring(0, space) : value;
	}

	private static String orNone(String value) {
		return (value != null) ? value : "none";
	}

	/** Whether nothing recorded differs. */
	public boolean isEmpty() {
		return this.added.isEmpty() && this.removed.isEmpty() && this.changed.isEmpty() && this.libraries.isEmpty()
				&& this.configuration.isEmpty() && this.wiring.isEmpty() && this.versions.isEmpty();
	}

	/**
	 * The change in one line: {@code methods changed: [..]; library x 1 -> 2; configuration: [a.b]}.
	 * Says so when no recorded part differs (the fingerprint format itself changed).
	 */
	public String describe() {
		List<String> parts = new ArrayList<>();
		part(parts, "methods changed", this.changed);
		part(parts, "methods now reached", this.added);
		part(parts, "methods no longer reached", this.removed);
		part(parts, "libraries", this.libraries);
		part(parts, "configuration changed", this.configuration);
		part(parts, "wiring changed", this.wiring);
		part(parts, "versions", this.versions);
		return parts.isEmpty() ? "no recorded part differs: the fingerprint format changed with this Cachet version"
				: String.join("; ", parts);
	}

	private static void part(List<String> parts, String label, List<String> items) {
		if (!items.isEmpty()) {
			parts.add(label + ": " + String.join(", ", items));
		}
	}

}
