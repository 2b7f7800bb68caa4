package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.dynatrace.hash4j.hashing.HashStream128;
import org.jspecify.annotations.Nullable;

/**
 * What a fingerprint needs to know of one jar, read once from its content.
 *
 * @param library      its identity
 * @param dependencies the {@code groupId:artifactId} of the dependencies its embedded
 *                     {@code pom.xml} declares for run time; {@code null} when it has none
 */
record JarFacts(Library library, @Nullable Set<String> dependencies) {

	private static final String MAVEN = "META-INF/maven/";

	/** {@code name-1.2.3.jar}: the name and the version a file name carries by Maven's convention. */
	private static final Pattern VERSIONED_FILE = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

	static JarFacts read(CodeLocation jar) throws IOException {
		return open(jar, (file) -> read(file, jar.fileName()));
	}

	/**
	 * Whether a jar runs code but cannot tell its dependencies: class files and no Maven metadata.
	 * Reads its entry names only.
	 */
	static boolean codeWithoutMetadata(CodeLocation jar) throws IOException {
		return open(jar, (file) -> {
			boolean code = false;
			for (JarEntry entry : file.stream().toList()) {
				String name = entry.getName();
				if (name.startsWith(MAVEN) && name.endsWith("/pom.properties")) {
					return false;
				}
				code |= name.endsWith(".class");
			}
			return code;
		});
	}

	private static <T> T open(CodeLocation jar, JarReader<T> reader) throws IOException {
		if (jar.root().startsWith("file:")) {
			try (JarFile file = new JarFile(Path.of(URI.create(jar.root())).toFile())) {
				return reader.read(file);
			}
		}
		// a nested jar (Spring Boot's executable jar): its own URL handler opens it, and caches it
		JarURLConnection connection = (JarURLConnection) jar.url().openConnection();
		return reader.read(connection.getJarFile());
	}

	private interface JarReader<T> {

		T read(JarFile jar) throws IOException;

	}

	private static JarFacts read(JarFile jar, String fileName) throws IOException {
		String digest = entryDigest(jar);
		Optional<Properties> pom = pomProperties(jar, fileName);
		if (pom.isPresent()) {
			String groupId = pom.get().getProperty("groupId");
			String artifactId = pom.get().getProperty("artifactId");
			String version = pom.get().getProperty("version");
			JarEntry pomXml = jar.getJarEntry(MAVEN + groupId + "/" + artifactId + "/pom.xml");
			Set<String> dependencies = null;
			if (pomXml != null) {
				try (InputStream in = jar.getInputStream(pomXml)) {
					dependencies = DeclaredDependencies.read(in, groupId);
				}
			}
			return new JarFacts(new Library(groupId + ":" + artifactId, version, digest), dependencies);
		}
		Matcher versioned = VERSIONED_FILE.matcher(fileName);
		Attributes manifest = Optional.ofNullable(jar.getManifest()).map(Manifest::getMainAttributes)
			.orElseGet(Attributes::new);
		// titles are often shared (three Tomcat jars are all "Apache Tomcat"); Maven's file names are not
		String name = versioned.matches() ? versioned.group(1)
				: firstOf(manifest, "Automatic-Module-Name", "Bundle-SymbolicName", "Implementation-Title");
		if (name == null) {
			name = fileName;
		}
		String version = firstOf(manifest, "Implementation-Version", "Bundle-Version");
		if (version == null) {
			version = versioned.matches() ? versioned.group(2) : "unversioned";
		}
		return new JarFacts(new Library(name.split(";")[0].trim(), version, digest), null);
	}

	/** The {@code pom.properties} matching the file name, or the only one: a shaded jar has several. */
	private static Optional<Properties> pomProperties(JarFile jar, String fileName) throws IOException {
		List<Properties> poms = new ArrayList<>();
		for (JarEntry entry : jar.stream().toList()) {
			if (entry.getName().startsWith(MAVEN) && entry.getName().endsWith("/pom.properties")) {
				try (InputStream in = jar.getInputStream(entry)) {
					Properties pom = new Properties();
					pom.load(in);
					poms.add(pom);
				}
			}
		}
		List<Properties> matching = poms.stream()
			.filter((pom) -> fileName.startsWith(pom.getProperty("artifactId") + "-" + pom.getProperty("version")))
			.toList();
		List<Properties> chosen = matching.isEmpty() ? poms : matching;
		return (chosen.size() == 1) ? Optional.of(chosen.get(0)) : Optional.empty();
	}

	private static @Nullable String firstOf(Attributes manifest, String... names) {
		for (String name : names) {
			String value = manifest.getValue(name);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	/** Entry names and CRCs: the same for a jar on disk, nested in another, or copied out of it. */
	private static String entryDigest(JarFile jar) {
		HashStream128 stream = Hash128.newStream();
		jar.stream().sorted(Comparator.comparing(JarEntry::getName)).forEach((entry) -> {
			stream.putString(entry.getName());
			stream.putLong(entry.getCrc());
		});
		return Hash128.of(stream).hex();
	}

}
