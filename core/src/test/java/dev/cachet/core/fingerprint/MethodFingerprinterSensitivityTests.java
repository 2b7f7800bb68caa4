package dev.cachet.core.fingerprint;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes to what the code does, or to what it runs, must change the fingerprint.
 */
class MethodFingerprinterSensitivityTests extends FingerprintTestSupport {

	private static final String CHAIN = """
			package com.acme;

			public class Svc {
				public int load(String path, int n) {
					return com.acme.util.Middle.step(path.length() + n);
				}
			}
			""";

	private static final String MIDDLE = """
			package com.acme.util;

			public class Middle {
				public static int step(int x) {
					return new Deep().depth(x) + 1;
				}
			}
			""";

	private static final String DEEP = """
			package com.acme.util;

			public class Deep {
				public int depth(int x) {
					return x * %d;
				}
			}
			""";

	@Test
	void aConstantChangeInTheBodyChangesTheFingerprint() {
		String source = """
				package com.acme;

				public class Svc {
					public long load(long x) {
						return x + %s;
					}
				}
				""";

		assertThat(fingerprint("load", source.formatted("100_000L")).hash())
			.isNotEqualTo(fingerprint("load", source.formatted("100_001L")).hash());
	}

	@Test
	void aHelperChangeTwoCallsDeepInAnotherClassChangesTheFingerprintAndIsNamed() {
		MethodFingerprint before = fingerprint("load", CHAIN, MIDDLE, DEEP.formatted(3));
		MethodFingerprint after = fingerprint("load", CHAIN, MIDDLE, DEEP.formatted(4));

		assertThat(after.hash()).isNotEqualTo(before.hash());
		assertThat(before.methods()).containsOnlyKeys("com.acme.Svc#load(java.lang.String,int)",
				"com.acme.Svc#<init>()", "com.acme.util.Middle#step(int)", "com.acme.util.Deep#<init>()", "com.acme.util.Deep#depth(int)");
		FingerprintChange change = FingerprintChange.between(before.methods(), after.methods());
		assertThat(change.changed()).containsExactly("com.acme.util.Deep#depth(int)");
		assertThat(change.added()).isEmpty();
		assertThat(change.removed()).isEmpty();
	}

	@Test
	void aLambdaBodyChangeInsideTheMethodChangesTheFingerprint() {
		String source = """
				package com.acme;

				import java.util.List;

				public class Svc {
					public int load(List<String> items) {
						return items.stream().mapToInt(s -> s.length() + %d).sum();
					}
				}
				""";

		assertThat(fingerprint("load", source.formatted(1)).hash())
			.isNotEqualTo(fingerprint("load", source.formatted(2)).hash());
	}

	@Test
	void aStaticInitializerChangeOfAFieldReadChangesTheFingerprint() {
		String source = """
				package com.acme;

				public class Svc {
					public int load(int x) {
						return x * Limits.MAX;
					}
				}
				""";
		String limits = """
				package com.acme;

				class Limits {
					static final int MAX = Integer.parseInt("%d");
				}
				""";

		MethodFingerprint before = fingerprint("load", source, limits.formatted(5));
		MethodFingerprint after = fingerprint("load", source, limits.formatted(6));

		assertThat(after.hash()).isNotEqualTo(before.hash());
		assertThat(FingerprintChange.between(before.methods(), after.methods()).changed())
			.containsExactly("com.acme.Limits#<clinit>()");
	}

	@Test
	void anInterfaceConstantReadThroughAnImplementingClassCounts() {
		String source = """
				package com.acme;

				public class Svc {
					public int load(int x) {
						return x * Rules.LIMITS.size();
					}
				}
				""";
		String rules = """
				package com.acme;

				class Rules implements Limits {
				}
				""";
		String limits = """
				package com.acme;

				interface Limits {
					java.util.List<Integer> LIMITS = java.util.List.of(%s);
				}
				""";

		MethodFingerprint before = fingerprint("load", source, rules, limits.formatted("1, 2"));
		MethodFingerprint after = fingerprint("load", source, rules, limits.formatted("1, 2, 3"));

		assertThat(FingerprintChange.between(before.methods(), after.methods()).changed())
			.containsExactly("com.acme.Limits#<clinit>()");
	}

	@Test
	void anInheritedStaticFieldCountsWithItsDeclaringClassInitializer() {
		String source = """
				package com.acme;

				public class Svc {
					public int load(int x) {
						return x * Special.TABLE[0];
					}
				}
				""";
		String special = """
				package com.acme;

				class Special extends Base {
				}
				""";
		String base = """
				package com.acme;

				class Base {
					static final int[] TABLE = { %d };
				}
				""";

		MethodFingerprint before = fingerprint("load", source, special, base.formatted(5));
		MethodFingerprint after = fingerprint("load", source, special, base.formatted(6));

		assertThat(FingerprintChange.between(before.methods(), after.methods()).changed())
			.containsExactly("com.acme.Base#<clinit>()");
	}

	@Test
	void aCompileTimeConstantChangeIsInlinedAndChangesTheFingerprint() {
		String source = """
				package com.acme;

				public class Svc {
					public int load(int x) {
						return x * Limits.MAX;
					}
				}
				""";
		String limits = """
				package com.acme;

				class Limits {
					static final int MAX = %d;
				}
				""";

		MethodFingerprint before = fingerprint("load", source, limits.formatted(5));
		MethodFingerprint after = fingerprint("load", source, limits.formatted(6));

		assertThat(after.hash()).isNotEqualTo(before.hash());
		assertThat(FingerprintChange.between(before.methods(), after.methods()).changed())
			.containsExactly("com.acme.Svc#load(int)");
	}

	@Test
	void aChangedImplementationBehindAnInterfaceCallChangesTheFingerprint() {
		String service = """
				package com.acme;

				public class Svc {
					private final Greeter greeter;

					public Svc(Greeter greeter) {
						this.greeter = greeter;
					}

					public String load(String name) {
						return this.greeter.greet(name);
					}
				}
				""";
		String greeter = """
				package com.acme;

				public interface Greeter {
					String greet(String name);
				}
				""";
		String implementation = """
				package com.acme.impl;

				public class PoliteGreeter implements com.acme.Greeter {
					@Override
					public String greet(String name) {
						return "%s " + name;
					}
				}
				""";

		MethodFingerprint before = fingerprint("load", service, greeter, implementation.formatted("Hello"));
		MethodFingerprint after = fingerprint("load", service, greeter, implementation.formatted("Good day"));

		assertThat(after.hash()).isNotEqualTo(before.hash());
		assertThat(FingerprintChange.between(before.methods(), after.methods()).changed())
			.containsExactly("com.acme.impl.PoliteGreeter#greet(java.lang.String)");
	}

	@Test
	void aDifferentLibraryVersionChangesTheFingerprint() {
		Path libraryClasses = newFolder();
		TestCompiler.compile(libraryClasses, List.of(), named("""
				package com.lib;

				public class Lib {
					public static int twice(int x) {
						return 2 * x;
					}
				}
				"""));
		Path version10 = libraryJar(libraryClasses, "1.0");
		Path version11 = libraryJar(libraryClasses, "1.1");
		Path version10Copy = libraryJar(libraryClasses, "1.0");
		Path application = newFolder();
		TestCompiler.compile(application, List.of(), named("""
				package com.acme;

				public class Svc {
					public int load(int x) {
						return com.lib.Lib.twice(x);
					}
				}
				"""), version10);

		String with10 = libraryFingerprint(application, version10);
		String with11 = libraryFingerprint(application, version11);
		String with10Elsewhere = libraryFingerprint(application, version10Copy);

		assertThat(with11).isNotEqualTo(with10);
		assertThat(with10Elsewhere).isEqualTo(with10);
	}

	@Test
	void aLibraryWithoutMavenMetadataIsIdentifiedByItsContent() {
		String library = """
				package com.lib;

				public class Lib {
					public static int twice(int x) {
						return %d * x;
					}
				}
				""";
		Path application = newFolder();
		Path first = bareJar(library.formatted(2));
		Path second = bareJar(library.formatted(3));
		TestCompiler.compile(application, List.of(), named("""
				package com.acme;

				public class Svc {
					public int load(int x) {
						return com.lib.Lib.twice(x);
					}
				}
				"""), first);

		assertThat(libraryFingerprint(application, second)).isNotEqualTo(libraryFingerprint(application, first));
	}

	@Test
	void librariesAreLeftOutWhenNotIncluded() {
		Path libraryClasses = newFolder();
		TestCompiler.compile(libraryClasses, List.of(), named("""
				package com.lib;

				public class Lib {
					public static int twice(int x) {
						return 2 * x;
					}
				}
				"""));
		Path version10 = libraryJar(libraryClasses, "1.0");
		Path version11 = libraryJar(libraryClasses, "1.1");
		Path application = newFolder();
		TestCompiler.compile(application, List.of(), named("""
				package com.acme;

				public class Svc {
					public int load(int x) {
						return com.lib.Lib.twice(x);
					}
				}
				"""), version10);
		this.fingerprinter = new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), false, ""));

		assertThat(libraryFingerprint(application, version11)).isEqualTo(libraryFingerprint(application, version10));
	}

	@Test
	void aChangedCacheCodeVersionOnTheMethodChangesTheFingerprint() {
		String source = """
				package com.acme;

				import dev.cachet.core.fingerprint.CacheCodeVersion;

				public class Svc {
					@CacheCodeVersion("%s")
					public int load(int x) {
						return x + 1;
					}
				}
				""";

		assertThat(fingerprint("load", source.formatted("1")).hash())
			.isNotEqualTo(fingerprint("load", source.formatted("2")).hash());
	}

	@Test
	void aChangedCacheCodeVersionOnTheClassChangesTheFingerprint() {
		String source = """
				package com.acme;

				import dev.cachet.core.fingerprint.CacheCodeVersion;

				@CacheCodeVersion("%s")
				public class Svc {
					public int load(int x) {
						return x + 1;
					}
				}
				""";

		assertThat(fingerprint("load", source.formatted("1")).hash())
			.isNotEqualTo(fingerprint("load", source.formatted("2")).hash());
	}

	@Test
	void aChangedSaltChangesTheFingerprint() {
		ClassLoader loader = load("""
				package com.acme;

				public class Svc {
					public int load(int x) {
						return x + 1;
					}
				}
				""");
		MethodFingerprinter salted = new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), true, "2026-11"));
		MethodFingerprinter resalted = new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), true, "2026-12"));

		assertThat(fingerprint(salted, loader, "com.acme.Svc", "load").hash())
			.isNotEqualTo(fingerprint(resalted, loader, "com.acme.Svc", "load").hash())
			.isNotEqualTo(fingerprint(this.fingerprinter, loader, "com.acme.Svc", "load").hash());
	}

	private Path libraryJar(Path classes, String version) {
		return TestCompiler.jar(newFolder().resolve("lib-" + version + ".jar"), classes,
				Map.of("META-INF/maven/com.lib/lib/pom.properties",
						"groupId=com.lib\nartifactId=lib\nversion=" + version + "\n"));
	}

	private Path bareJar(String source) {
		Path classes = newFolder();
		TestCompiler.compile(classes, List.of(), named(source));
		return TestCompiler.jar(newFolder().resolve("lib.jar"), classes, Map.of());
	}

	private String libraryFingerprint(Path application, Path libraryJar) {
		ClassLoader loader = new URLClassLoader(new URL[] { toUrl(application), toUrl(libraryJar) },
				getClass().getClassLoader());
		return fingerprint(this.fingerprinter, loader, "com.acme.Svc", "load").hash();
	}

	private static URL toUrl(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
