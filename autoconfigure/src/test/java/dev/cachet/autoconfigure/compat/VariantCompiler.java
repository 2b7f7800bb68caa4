package dev.cachet.autoconfigure.compat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.core.annotation.AliasFor;

/**
 * Compiles a variant of some application sources into its own folder, as a build would into
 * {@code target/classes} (with {@code -parameters}, as Spring Boot's build does), and opens it in its
 * own class loader. The loader serves the class files as resources, which is where Cachet's
 * fingerprint reads the code from.
 */
final class VariantCompiler {

	private static final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();

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
		List<String> options = List.of("-g", "-parameters", "--release", "17", "-d", folder.toString(), "-classpath", classpath());
		List<JavaFileObject> units = sources.entrySet()
			.stream()
			.map(source -> (JavaFileObject) new Source(source.getKey(), source.getValue()))
			.toList();
		StringWriter errors = new StringWriter();
		if (!compiler.getTask(errors, null, null, options, null, units).call()) {
			throw new IllegalStateException("Variant sources do not compile:\n" + errors);
		}
		try {
			return new URLClassLoader(new URL[] { folder.toUri().toURL() }, VariantCompiler.class.getClassLoader());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Spring's context and core jars: what the variants' annotations and interfaces need. */
	private static String classpath() {
		return Stream.of(Cacheable.class, AliasFor.class)
			.map(VariantCompiler::location)
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class Source extends SimpleJavaFileObject {

		private final String text;

		Source(String className, String text) {
			super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
			this.text = text;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return text;
		}

	}

}
