package dev.cachet.core.fingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * The application's own packages: code in them is followed and hashed, code elsewhere is a library.
 *
 * @param packagePaths package names in internal form ({@code com/acme}); an empty string stands
 *                     for the default package
 */
record ApplicationScope(List<String> packagePaths) {

	ApplicationScope {
		packagePaths = List.copyOf(packagePaths);
	}

	/**
	 * The configured packages plus the package of {@code userClass} when they do not cover it (so
	 * its own helpers are always followed); just that package when none are configured.
	 */
	static ApplicationScope of(FingerprintSettings settings, Class<?> userClass) {
		List<String> packages = new ArrayList<>(settings.packages());
		ApplicationScope configured = new ApplicationScope(toPaths(packages));
		if (!configured.contains(userClass.getName().replace('.', '/'))) {
			packages.add(userClass.getPackageName());
		}
		return new ApplicationScope(toPaths(packages));
	}

	private static List<String> toPaths(List<String> packageNames) {
		return packageNames.stream().map((name) -> name.replace('.', '/')).toList();
	}

	boolean contains(String internalName) {
		if (internalName.startsWith("[")) {
			return false;
		}
		for (String path : this.packagePaths) {
			if (path.isEmpty() ? internalName.indexOf('/') < 0 : internalName.startsWith(path + "/")) {
				return true;
			}
		}
		return false;
	}

}
