package dev.cachet.core.fingerprint;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryIdentitiesTests {

	private static final String LIBRARY = """
			package com.lib;

			public class Lib {
				public static int twice(int x) {
					return 2 * x;
				}
			}
			""";

	@TempDir
	Path temp;

	private final LibraryIdentities identities = new LibraryIdentities();

	@Test
	void jdkClassesAreIdentifiedByTheFeatureVersion() {
		ClassLoader loader = getClass().getClassLoader();

		assertThat(this.identities.identify(loader, "java/lang/String"))
			.isEqualTo("jdk-" + Runtime.version().feature());
		assertThat(this.identities.identify(loader, "[Ljava/lang/String;"))
			.isEqualTo("jdk-" + Runtime.version().feature());
	}

	@Test
	void aJarIsIdentifiedByThePomPropertiesMatchingItsFileName() throws Exception {
		Path jar = TestCompiler.jar(this.temp.resolve("lib-2.3.jar"), classes(), Map.of(
				"META-INF/maven/com.shaded/inner/pom.properties", "groupId=com.shaded\nartifactId=inner\nversion=9\n",
				"META-INF/maven/com.lib/lib/pom.properties", "groupId=com.lib\nartifactId=lib\nversion=2.3\n"));

		assertThat(this.identities.identify(loaderOf(jar), "com/lib/Lib")).isEqualTo("com.lib:lib:2.3");
	}

	@Test
	void aJarWithoutMavenMetadataIsIdentifiedByItsSha256() throws Exception {
		Path jar = TestCompiler.jar(this.temp.resolve("lib.jar"), classes(), Map.of());
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));

		assertThat(this.identities.identify(loaderOf(jar), "com/lib/Lib")).isEqualTo("sha256 " + sha256);
	}

	@Test
	void aClassInADirectoryIsIdentifiedByItsClassFile() throws Exception {
		Path classes = classes();
		byte[] classFile = Files.readAllBytes(classes.resolve("com/lib/Lib.class"));
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(classFile));

		assertThat(this.identities.identify(loaderOf(classes), "com/lib/Lib")).isEqualTo("class " + sha256);
	}

	private Path classes() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		TestCompiler.compile(classes, List.of(), Map.of("com.lib.Lib", LIBRARY));
		return classes;
	}

	private static ClassLoader loaderOf(Path path) throws Exception {
		return new URLClassLoader(new URL[] { path.toUri().toURL() }, LibraryIdentitiesTests.class.getClassLoader());
	}

}
