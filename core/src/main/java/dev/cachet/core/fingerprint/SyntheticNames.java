package dev.cachet.core.fingerprint;

import java.util.regex.Pattern;

/**
 * Recognizes names that javac numbers per class ({@code lambda$load$0}, {@code Outer$1},
 * {@code Outer$1Local}, the enum switch-map holder {@code Outer$1}): adding one elsewhere in the
 * class renumbers the others, so such names are replaced by the hash of what they name.
 */
final class SyntheticNames {

	private static final Pattern NUMBERED_CLASS = Pattern.compile("\\$\\d");

	private SyntheticNames() {
	}

	static boolean isSyntheticClass(String internalName) {
		if (internalName.startsWith("[")) {
			return false;
		}
		String simpleName = internalName.substring(internalName.lastIndexOf('/') + 1);
		return NUMBERED_CLASS.matcher(simpleName).find();
	}

	static boolean isSyntheticMethod(String name) {
		return name.startsWith("lambda$") || name.startsWith("access$");
	}

}
