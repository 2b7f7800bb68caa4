package dev.cachet.core.fingerprint;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources at test time into a folder and loads them in their own class loader, so
 * that variants of the same classes can be fingerprinted side by side.
 */
public final class TestCompiler {

	private static final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();

	private TestCompiler() {
	}

	/**
	 * Compiles {@code sources} (class name to source text) into {@code folder} with {@code -g} and
	 * returns a class loader for them.
	 */
	static URLClassLoader load(Path folder, Map<String, String> sources, Path... classpath) {
		return load(folder, List.of("-g"), sources, classpath);
	}

	public static URLClassLoader load(Path folder, List<String> options, Map<String, String> sources,
			Path... classpath) {
		compile(folder, options, sources, classpath);
		List<URL> urls = new ArrayList<>();
		urls.add(toUrl(folder));
		Stream.of(classpath).map(TestCompiler::toUrl).forEach(urls::add);
		return new URLClassLoader(urls.toArray(URL[]::new), TestCompiler.class.getClassLoader());
	}

	static void compile(Path folder, List<String> options, Map<String, String> sources, Path... classpath) {
		List<String> arguments = new ArrayList<>(options);
		StringBuilder path = new StringBuilder(coreClasses().toString());
		Stream.of(classpath).forEach((entry) -> path.append(File.pathSeparator).append(entry));
		arguments.addAll(List.of("--release", "17", "-d", folder.toString(), "-classpath", path.toString()));
		List<JavaFileObject> units = sources.entrySet()
			.stream()
			.map((source) -> (JavaFileObject) new Source(source.getKey(), source.getValue()))
			.toList();
		StringWriter errors = new StringWriter();
		Boolean compiled = compiler.getTask(errors, null, null, arguments, null, units).call();
		if (!compiled) {
			throw new IllegalStateException("Test sources do not compile:\n" + errors);
		}
	}

	/** Packs the class files under {@code classes} and the given extra entries into a jar. */
	static Path jar(Path jar, Path classes, Map<String, String> extraEntries) {
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
				jarOut.write(Files.readAllBytes(file));
				jarOut.closeEntry();
			}
			for (Map.Entry<String, String> entry : extraEntries.entrySet()) {
				jarOut.putNextEntry(new JarEntry(entry.getKey()));
				jarOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
				jarOut.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return jar;
	}

	private static Path coreClasses() {
		try {
			return Path.of(CacheCodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static URL toUrl(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
			return this.text;
		}

	}

}
