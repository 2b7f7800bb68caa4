package dev.cachet.core.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The code a fingerprint follows and hashes; code elsewhere is a library, seen by its identity.
 * That is the configured packages, the package of the cached class, the directory or jar the cached
 * class was loaded from, and all other project code: class directories and {@code -SNAPSHOT} jars
 * (a sibling module of the same build, however the application was launched).
 *
 * @param packagePaths package names in internal form ({@code com/acme}); an empty string stands
 *                     for the default package
 * @param ownRoot      the root the cached class was loaded from; {@code null} when unknown
 * @param sources      where classes come from, for the class loader of the cached class
 */
record ApplicationScope(List<String> packagePaths, @Nullable String ownRoot, CodeSources sources) {

	ApplicationScope {
		packagePaths = List.copyOf(packagePaths);
	}

	/**
	 * The configured packages plus the package of {@code userClass} when they do not cover it (so
	 * its own helpers are always followed); just that package when none are configured.
	 */
	static ApplicationScope of(FingerprintSettings settings, Class<?> userClass, CodeSources sources) {
		String userClassName = userClass.getName().replace('.', '/');
		List<String> packages = new ArrayList<>(toPaths(settings.packages()));
		if (!inPackages(packages, userClassName)) {
			packages.add(userClass.getPackageName().replace('.', '/'));
		}
		String ownRoot = sources.locate(userClassName).map(CodeLocation::root).orElse(null);
		return new ApplicationScope(packages, ownRoot, sources);
	}

	private static List<String> toPaths(List<String> packageNames) {
		return packageNames.stream().map((name) -> name.replace('.', '/')).toList();
	}

	boolean contains(String internalName) {
		if (inPackages(this.packagePaths, internalName)) {
			return true;
		}
		Optional<CodeLocation> location = this.sources.locate(internalName);
		return location.isPresent() && (location.get().root().equals(this.ownRoot)
				|| this.sources.isProjectCode(location.get()));
	}

	/** The directories and jars on the class path that are in scope as a whole. */
	List<CodeLocation> projectRoots() {
		return this.sources.roots().stream()
			.filter((root) -> root.root().equals(this.ownRoot) || this.sources.isProjectCode(root))
			.toList();
	}

	private static boolean inPackages(List<String> packagePaths, String internalName) {
		if (internalName.startsWith("[")) {
			return false;
		}
		for (String path : packagePaths) {
			if (path.isEmpty() ? internalName.indexOf('/') < 0 : internalName.startsWith(path + "/")) {
				return true;
			}
		}
		return false;
	}

}
