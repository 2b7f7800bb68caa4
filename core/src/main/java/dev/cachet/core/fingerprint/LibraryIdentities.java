package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identifies the library a class comes from, so that upgrading a dependency changes fingerprints:
 * the JDK by its feature version, a jar by the Maven coordinates in its
 * {@code META-INF/maven/.../pom.properties} (the one matching the jar's file name), else by the
 * SHA-256 of the jar; a class in a directory by the SHA-256 of its class file. Memoized per jar or
 * class file location.
 */
final class LibraryIdentities {

	private static final Logger logger = LoggerFactory.getLogger(LibraryIdentities.class);

	private static final String JDK = "jdk-" + Runtime.version().feature();

	private final Map<String, String> byLocation = new ConcurrentHashMap<>();

	String identify(ClassLoader classLoader, String internalName) {
		if (internalName.startsWith("[")) {
			return JDK;
		}
		URL resource = classLoader.getResource(internalName + ".class");
		if (resource == null) {
			return "absent " + internalName;
		}
		if ("jrt".equals(resource.getProtocol())) {
			return JDK;
		}
		if ("jar".equals(resource.getProtocol())) {
			String location = jarLocation(resource);
			return this.byLocation.computeIfAbsent(location, (key) -> identifyJar(location, resource));
		}
		return this.byLocation.computeIfAbsent(resource.toString(), (key) -> identifyClassFile(resource));
	}

	private static String jarLocation(URL classResource) {
		String path = classResource.getPath();
		int separator = path.lastIndexOf("!/");
		return (separator >= 0) ? path.substring(0, separator) : path;
	}

	private static String identifyJar(String location, URL classResource) {
		try {
			if (location.startsWith("file:")) {
				Path path = Path.of(URI.create(location));
				try (JarFile jar = new JarFile(path.toFile())) {
					return coordinates(jar, path.getFileName().toString())
						.orElseGet(() -> "sha256 " + sha256(path));
				}
			}
			// a nested jar (Spring Boot's executable jar): its own handler opens it
			JarURLConnection connection = (JarURLConnection) classResource.openConnection();
			JarFile jar = connection.getJarFile();
			String fileName = location.substring(location.lastIndexOf('/') + 1);
			return coordinates(jar, fileName).orElseGet(() -> "entries " + entryDigest(jar));
		}
		catch (IOException | RuntimeException ex) {
			return unidentified(location, ex);
		}
	}

	private static Optional<String> coordinates(JarFile jar, String fileName) throws IOException {
		List<Properties> poms = new ArrayList<>();
		Enumeration<JarEntry> entries = jar.entries();
		while (entries.hasMoreElements()) {
			JarEntry entry = entries.nextElement();
			if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
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
		if (chosen.size() != 1) {
			return Optional.empty();
		}
		Properties pom = chosen.get(0);
		return Optional.of(pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":"
				+ pom.getProperty("version"));
	}

	private static String identifyClassFile(URL classResource) {
		try (InputStream in = classResource.openStream()) {
			return "class " + sha256(in);
		}
		catch (IOException ex) {
			return unidentified(classResource.toString(), ex);
		}
	}

	/** A library that cannot be identified must never give a hit in a later run. */
	private static String unidentified(String location, Exception cause) {
		logger.warn("Cannot identify the library at {}; methods calling it are cached for this run only", location,
				cause);
		return "unidentified " + UUID.randomUUID();
	}

	private static String sha256(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return sha256(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256(InputStream in) throws IOException {
		MessageDigest digest = newSha256();
		try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
			digesting.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String entryDigest(JarFile jar) {
		MessageDigest digest = newSha256();
		jar.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).forEach((entry) -> {
			digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
			digest.update(Long.toString(entry.getCrc()).getBytes(StandardCharsets.UTF_8));
		});
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
