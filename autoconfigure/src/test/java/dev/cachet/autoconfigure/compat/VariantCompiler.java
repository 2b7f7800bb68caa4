package dev.cachet.autoconfigure.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.core.annotation.AliasFor;

import dev.cachet.core.fingerprint.TestCompiler;

/**
 * Compiles a variant of some application sources into its own folder, as a build would into
 * {@code target/classes} (with {@code -parameters}, as Spring Boot's build does), and opens it in its
 * own class loader. The loader serves the class files as resources, which is where Cachet's
 * fingerprint reads the code from.
 */
final class VariantCompiler {

	private VariantCompiler() {
	}

	/** Compiles {@code sources} (class name to text) into {@code folder} and returns a loader over it. */
	static URLClassLoader compile(Path folder, Map<String, String> sources) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return TestCompiler.load(folder, List.of("-g", "-parameters"), sources, location(Cacheable.class),
				location(AliasFor.class), location(Value.class), location(ConfigurationProperties.class));
	}

	/** The jar or folder a class was loaded from: Spring's jars hold what the variants' annotations need. */
	private static Path location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
