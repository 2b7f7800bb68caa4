package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles each variant of some application classes into its own folder and class loader, and
 * fingerprints a method of the first class of the variant.
 */
abstract class FingerprintTestSupport {

	private static final Pattern PACKAGE = Pattern.compile("package\\s+([\\w.]+);");

	private static final Pattern TYPE = Pattern.compile("(?:class|interface|enum|record)\\s+(\\w+)");

	@TempDir
	Path temp;

	private int variants;

	MethodFingerprinter fingerprinter = new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), true, ""));

	/** Compiles the sources with {@code -g} and fingerprints {@code methodName} of the first one. */
	MethodFingerprint fingerprint(String methodName, String... sources) {
		return fingerprint(List.of("-g"), methodName, sources);
	}

	MethodFingerprint fingerprint(List<String> options, String methodName, String... sources) {
		ClassLoader loader = TestCompiler.load(newFolder(), options, named(sources));
		return fingerprint(this.fingerprinter, loader, className(sources[0]), methodName);
	}

	ClassLoader load(String... sources) {
		return TestCompiler.load(newFolder(), named(sources));
	}

	Path newFolder() {
		try {
			return Files.createDirectories(this.temp.resolve("variant-" + this.variants++));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static MethodFingerprint fingerprint(MethodFingerprinter fingerprinter, ClassLoader loader, String className,
			String methodName) {
		try {
			Class<?> type = Class.forName(className, false, loader);
			return fingerprinter.fingerprint(type, method(type, methodName));
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Method method(Class<?> type, String methodName) {
		List<Method> candidates = Stream.of(type.getDeclaredMethods())
			.filter((method) -> method.getName().equals(methodName) && !method.isBridge())
			.toList();
		if (candidates.size() != 1) {
			throw new IllegalStateException("Expected one method " + methodName + " in " + type + ": " + candidates);
		}
		return candidates.get(0);
	}

	static boolean declaresMethod(ClassLoader loader, String className, String methodName) {
		try {
			return Stream.of(Class.forName(className, false, loader).getDeclaredMethods())
				.anyMatch((method) -> method.getName().equals(methodName));
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	static boolean hasClass(ClassLoader loader, String className) {
		return loader.getResource(className.replace('.', '/') + ".class") != null;
	}

	static Map<String, String> named(String... sources) {
		Map<String, String> named = new LinkedHashMap<>();
		for (String source : sources) {
			named.put(className(source), source);
		}
		return named;
	}

	static String className(String source) {
		Matcher packageName = PACKAGE.matcher(source);
		Matcher type = TYPE.matcher(source);
		if (!packageName.find() || !type.find()) {
			throw new IllegalArgumentException("No package or type in " + source);
		}
		return packageName.group(1) + "." + type.group(1);
	}

}
