package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where code comes from decides how it counts: the project's own directories and snapshot jars are
 * followed like the application's packages, libraries count by an identity taken from their
 * content (never their place on disk), together with the libraries they depend on.
 */
class MethodFingerprinterClassPathTests extends FingerprintTestSupport {

	private static final String SVC = """
			package com.acme;

			public class Svc {
				public int load(int x) {
					return %s(x);
				}
			}
			""";

	private static final String TAX = """
			package org.sibling;

			public class Tax {
				public static int apply(int x) {
					return org.sibling.internal.Rates.rate() * x;
				}
			}
			""";

	private static final String RATES = """
			package org.sibling.internal;

			public class Rates {
				public static int rate() {
					return %d;
				}
			}
			""";

	private static final String LIB = """
			package com.lib.%s;

			public class Lib {
				public static int twice(int x) {
					return %d * x;
				}
			}
			""";

	@Test
	void aSiblingModulesDirectoryIsFollowedLikeTheApplicationWithItsHelpers() {
		Path sibling = compile(TAX, RATES.formatted(2));
		Path application = application("org.sibling.Tax.apply", sibling);
		MethodFingerprint before = fingerprintWith(application, sibling);
		MethodFingerprint same = fingerprintWith(application, compile(TAX, RATES.formatted(2)));
		MethodFingerprint after = fingerprintWith(application, compile(TAX, RATES.formatted(3)));

		assertThat(same.hash()).isEqualTo(before.hash());
		assertThat(after.hash()).isNotEqualTo(before.hash());
		assertThat(FingerprintChange.between(before.components(), after.components()).changed())
			.containsExactly("org.sibling.internal.Rates#rate()");
	}

	@Test
	void aSnapshotJarIsFollowedLikeTheApplicationSoARebuildWithTheSameVersionCounts() {
		Path application = application("org.sibling.Tax.apply", compile(TAX, RATES.formatted(2)));
		Path before = jar("sibling-1.0-SNAPSHOT.jar", pom("org.sibling", "sibling", "1.0-SNAPSHOT", ""), TAX,
				RATES.formatted(2));
		Path after = jar("sibling-1.0-SNAPSHOT.jar", pom("org.sibling", "sibling", "1.0-SNAPSHOT", ""), TAX,
				RATES.formatted(3));

		MethodFingerprint built = fingerprintWith(application, before);
		MethodFingerprint rebuilt = fingerprintWith(application, after);

		assertThat(built.methods()).containsKey("org.sibling.internal.Rates#rate()");
		assertThat(FingerprintChange.between(built.components(), rebuilt.components()).changed())
			.containsExactly("org.sibling.internal.Rates#rate()");
	}

	@Test
	void aReleasedJarRebuiltUnderTheSameVersionIsNoticed() {
		Path application = application("com.lib.a.Lib.twice", compile(LIB.formatted("a", 2)));
		Path first = jar("a-1.0.jar", pom("com.lib", "a", "1.0", ""), LIB.formatted("a", 2));
		Path second = jar("a-1.0.jar", pom("com.lib", "a", "1.0", ""), LIB.formatted("a", 3));

		MethodFingerprint before = fingerprintWith(application, first);
		MethodFingerprint after = fingerprintWith(application, second);

		assertThat(before.components()).containsKey("library com.lib:a");
		assertThat(FingerprintChange.between(before.components(), after.components()).libraries())
			.containsExactly("com.lib:a 1.0 rebuilt");
	}

	@Test
	void aLibraryIsIdentifiedByItsContentNotByItsFileOrItsPacking() throws IOException {
		Path application = application("com.lib.a.Lib.twice", compile(LIB.formatted("a", 2)));
		Path plain = jar("a.jar", Map.of("META-INF/MANIFEST.MF",
				"Manifest-Version: 1.0\nImplementation-Title: lib-a\nImplementation-Version: 3.8.8\n"),
				LIB.formatted("a", 2));
		Path repacked = repack(plain, newFolder().resolve("copied-a.jar"));

		MethodFingerprint original = fingerprintWith(application, plain);
		MethodFingerprint copy = fingerprintWith(application, repacked);

		assertThat(Files.readAllBytes(repacked)).isNotEqualTo(Files.readAllBytes(plain));
		assertThat(copy.hash()).isEqualTo(original.hash());
		assertThat(original.components().get("library lib-a")).startsWith("3.8.8 ");
		assertThat(original.components()).containsEntry("library jdk",
				Integer.toString(Runtime.version().feature()));
	}

	@Test
	void aLibraryOfALibraryCountsAndAnUnrelatedOneDoesNot() {
		Path application = application("com.lib.a.Lib.twice", compile(LIB.formatted("a", 2)));
		Path a = jar("a-1.0.jar", pom("com.lib", "a", "1.0", dependency("${project.groupId}", "b", "compile")
				+ dependency("org.junit", "junit", "test")), LIB.formatted("a", 2));
		Path b10 = jar("b-1.0.jar", pom("com.lib", "b", "1.0", ""), LIB.formatted("b", 2));
		Path b11 = jar("b-1.1.jar", pom("com.lib", "b", "1.1", ""), LIB.formatted("b", 2));
		Path c10 = jar("c-1.0.jar", pom("com.lib", "c", "1.0", ""), LIB.formatted("c", 2));
		Path c11 = jar("c-1.1.jar", pom("com.lib", "c", "1.1", ""), LIB.formatted("c", 2));

		MethodFingerprint before = fingerprintWith(application, a, b10, c10);
		MethodFingerprint otherC = fingerprintWith(application, a, b10, c11);
		MethodFingerprint otherB = fingerprintWith(application, a, b11, c10);

		assertThat(otherC.hash()).isEqualTo(before.hash());
		assertThat(FingerprintChange.between(before.components(), otherB.components()).libraries())
			.containsExactly("com.lib:b 1.0 -> 1.1");
	}

	@Test
	void aLibraryWithoutMavenMetadataBringsEveryOtherSuchLibraryAlong() {
		Path application = application("com.lib.a.Lib.twice", compile(LIB.formatted("a", 2)));
		Path a = jar("a-1.0.jar", Map.of(), LIB.formatted("a", 2));
		Path b10 = jar("b-1.0.jar", Map.of(), LIB.formatted("b", 2));
		Path b11 = jar("b-1.1.jar", Map.of(), LIB.formatted("b", 2));

		MethodFingerprint before = fingerprintWith(application, a, b10);
		MethodFingerprint after = fingerprintWith(application, a, b11);

		assertThat(FingerprintChange.between(before.components(), after.components()).libraries())
			.containsExactly("b 1.0 -> 1.1");
	}

	/** The application alone, compiled against {@code classPath}. */
	private Path application(String call, Path... classPath) {
		Path folder = newFolder();
		TestCompiler.compile(folder, List.of("-g"), named(SVC.formatted(call)), classPath);
		return folder;
	}

	private Path compile(String... sources) {
		Path folder = newFolder();
		TestCompiler.compile(folder, List.of("-g"), named(sources));
		return folder;
	}

	private Path jar(String fileName, Map<String, String> entries, String... sources) {
		return TestCompiler.jar(newFolder().resolve(fileName), compile(sources), entries);
	}

	private static Map<String, String> pom(String groupId, String artifactId, String version, String dependencies) {
		String path = "META-INF/maven/" + groupId + "/" + artifactId + "/";
		return Map.of(path + "pom.properties",
				"groupId=" + groupId + "\nartifactId=" + artifactId + "\nversion=" + version + "\n", path + "pom.xml",
				"<project><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId><version>"
						+ version + "</version><dependencyManagement><dependencies>"
						+ dependency("com.lib", "c", "compile") + "</dependencies></dependencyManagement><dependencies>"
						+ dependencies + "</dependencies></project>");
	}

	private static String dependency(String groupId, String artifactId, String scope) {
		return "<dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId
				+ "</artifactId><version>1</version><scope>" + scope + "</scope></dependency>";
	}

	/** The same entries with other timestamps, stored instead of deflated. */
	private static Path repack(Path jar, Path copy) throws IOException {
		try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(copy);
				JarOutputStream out = new JarOutputStream(file)) {
			out.setLevel(0);
			for (JarEntry entry : Collections.list(in.entries())) {
				JarEntry written = new JarEntry(entry.getName());
				written.setTime(0);
				out.putNextEntry(written);
				try (InputStream content = in.getInputStream(entry)) {
					content.transferTo(out);
				}
				out.closeEntry();
			}
		}
		return copy;
	}

	private MethodFingerprint fingerprintWith(Path application, Path... classPath) {
		URL[] urls = Stream.concat(Stream.of(application), Stream.of(classPath))
			.map(MethodFingerprinterClassPathTests::toUrl)
			.toArray(URL[]::new);
		ClassLoader loader = new URLClassLoader(urls, getClass().getClassLoader());
		return fingerprint(new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), true, "")), loader,
				"com.acme.Svc", "load");
	}

	private static URL toUrl(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
