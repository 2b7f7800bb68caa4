package dev.cachet.core.fingerprint;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cycles, declarations without code, memoization, unreadable code, and the size of what is reached.
 */
class MethodFingerprinterGraphTests extends FingerprintTestSupport {

	private static final String RECURSION = """
			package com.acme;

			public class Rec {
				public int factorial(int n) {
					return n <= 1 ? 1 : n * factorial(n - 1);
				}

				public int even(int n) {
					return n == 0 ? 1 : odd(n - 1);
				}

				public int odd(int n) {
					return n == 0 ? 0 : even(n - 1) + factorial(n);
				}
			}
			""";

	private static final String NESTED_ANONYMOUS = """
			package com.acme;

			import java.util.function.Supplier;

			public class Nest {
				%s

				public int load(int x) {
					Supplier<Supplier<Integer>> outer = new Supplier<>() {
						int base = x;

						@Override
						public Supplier<Integer> get() {
							return new Supplier<>() {
								@Override
								public Integer get() {
									return base + %d;
								}
							};
						}
					};
					return outer.get().get();
				}
			}
			""";

	@Test
	void recursionTerminatesAndDoesNotDependOnWhereTheWalkStarted() {
		ClassLoader loader = load(RECURSION);
		MethodFingerprinter evenFirst = newFingerprinter();
		MethodFingerprinter oddFirst = newFingerprinter();

		MethodFingerprint even = fingerprint(evenFirst, loader, "com.acme.Rec", "even");
		MethodFingerprint odd = fingerprint(evenFirst, loader, "com.acme.Rec", "odd");
		MethodFingerprint oddAgain = fingerprint(oddFirst, loader, "com.acme.Rec", "odd");
		MethodFingerprint evenAgain = fingerprint(oddFirst, loader, "com.acme.Rec", "even");

		assertThat(evenAgain).isEqualTo(even);
		assertThat(oddAgain).isEqualTo(odd);
		assertThat(even.hash()).isNotEqualTo(odd.hash());
		assertThat(even.methods()).containsOnlyKeys("com.acme.Rec#even(int)", "com.acme.Rec#odd(int)",
				"com.acme.Rec#factorial(int)", "com.acme.Rec#<init>()");
		assertThat(fingerprint(newFingerprinter(), load(RECURSION), "com.acme.Rec", "factorial").hash())
			.isEqualTo(fingerprint(evenFirst, loader, "com.acme.Rec", "factorial").hash());
	}

	@Test
	void nestedAnonymousClassesThatReferToEachOtherAreHashedByContent() {
		String elsewhere = "public Runnable other() { return new Runnable() { public void run() { } }; }";
		ClassLoader renumbered = load(NESTED_ANONYMOUS.formatted(elsewhere, 1));
		assertThat(hasClass(renumbered, "com.acme.Nest$2$1")).as("javac renumbered the nested classes").isTrue();

		MethodFingerprint original = fingerprint("load", NESTED_ANONYMOUS.formatted("", 1));
		MethodFingerprint withOther = fingerprint(newFingerprinter(), renumbered, "com.acme.Nest", "load");
		MethodFingerprint changedInner = fingerprint("load", NESTED_ANONYMOUS.formatted("", 2));

		assertThat(withOther.hash()).isEqualTo(original.hash());
		assertThat(changedInner.hash()).isNotEqualTo(original.hash());
		assertThat(original.methods()).containsKey("com.acme.Nest$1$1#get()");
	}

	@Test
	void syntheticHashesDoNotDependOnWhichMethodWasFingerprintedFirst() {
		ClassLoader loader = load(NESTED_ANONYMOUS.formatted("", 1));
		MethodFingerprinter innerFirst = newFingerprinter();
		fingerprint(innerFirst, loader, "com.acme.Nest$1$1", "get");
		fingerprint(innerFirst, loader, "com.acme.Nest$1", "get");

		assertThat(fingerprint(innerFirst, loader, "com.acme.Nest", "load").hash())
			.isEqualTo(fingerprint(newFingerprinter(), loader, "com.acme.Nest", "load").hash());
	}

	@Test
	void aMethodWithoutCodeIsFingerprintedByItsDeclarationAndAnnotations() {
		String repository = """
				package com.acme;

				import java.util.List;

				public interface Repo {
					@Query("%s")
					List<String> findByName(@Param("%s") String name);
				}
				""";
		String query = """
				package com.acme;

				import java.lang.annotation.Retention;
				import java.lang.annotation.RetentionPolicy;

				@Retention(RetentionPolicy.RUNTIME)
				public @interface Query {
					String value();
				}
				""";
		String param = query.replace("Query", "Param");

		MethodFingerprint original = fingerprint("findByName", repository.formatted("select a", "name"), query, param);
		MethodFingerprint same = fingerprint("findByName", repository.formatted("select a", "name"), query, param);
		MethodFingerprint otherQuery = fingerprint("findByName", repository.formatted("select b", "name"), query,
				param);
		MethodFingerprint otherParameter = fingerprint("findByName", repository.formatted("select a", "n"), query,
				param);

		assertThat(same.hash()).isEqualTo(original.hash());
		assertThat(otherQuery.hash()).isNotEqualTo(original.hash());
		assertThat(otherParameter.hash()).isNotEqualTo(original.hash()).isNotEqualTo(otherQuery.hash());
	}

	@Test
	void aSecondCallReturnsTheMemoizedInstance() {
		ClassLoader loader = load(RECURSION);

		MethodFingerprint first = fingerprint(this.fingerprinter, loader, "com.acme.Rec", "odd");

		assertThat(fingerprint(this.fingerprinter, loader, "com.acme.Rec", "odd")).isSameAs(first);
	}

	@Test
	void unreadableCodeGetsAFingerprintUniqueToThisRun() throws Exception {
		Path classes = newFolder();
		TestCompiler.compile(classes, List.of(), named("""
				package com.acme;

				public class Generated {
					public int load(int x) {
						return x + 1;
					}
				}
				"""));
		byte[] bytes = Files.readAllBytes(classes.resolve("com/acme/Generated.class"));
		Class<?> generated = new ResourcelessClassLoader().define("com.acme.Generated", bytes);

		MethodFingerprint first = newFingerprinter().fingerprint(generated, method(generated, "load"));
		MethodFingerprint second = newFingerprinter().fingerprint(generated, method(generated, "load"));

		assertThat(first.hash()).matches("[0-9a-f]{32}").isNotEqualTo(second.hash());
		assertThat(first.methods()).isEmpty();
	}

	@Test
	void fingerprintingAMethodReachingFiftyApplicationMethods() throws Exception {
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("com.acme.gen.Root", """
				package com.acme.gen;

				public class Root {
					public int run(int x) {
						return Step0.a(x);
					}
				}
				""");
		int classes = 10;
		for (int i = 0; i < classes; i++) {
			String next = (i + 1 < classes) ? "Step" + (i + 1) + ".a(x + d(x))" : "d(x)";
			sources.put("com.acme.gen.Step" + i, """
					package com.acme.gen;

					import java.util.List;

					class Step%1$d {
						static int a(int x) { return b(x) + %2$s; }
						static int b(int x) { return c(x) * %1$d; }
						static int c(int x) { return List.of(x, x + 1).stream().mapToInt(v -> v * 2).sum(); }
						static int d(int x) { return new StringBuilder().append(x).length() + e(x); }
						static int e(int x) { return x %% 7; }
					}
					""".formatted(i, next));
		}
		ClassLoader loader = TestCompiler.load(newFolder(), sources);
		Class<?> root = Class.forName("com.acme.gen.Root", false, loader);
		Method run = method(root, "run");

		MethodFingerprint fingerprint = null;
		List<String> firstCalls = new ArrayList<>();
		MethodFingerprinter fingerprinter = null;
		for (int round = 0; round < 10; round++) {
			fingerprinter = newFingerprinter();
			long start = System.nanoTime();
			fingerprint = fingerprinter.fingerprint(root, run);
			firstCalls.add(String.format("%.1f", (System.nanoTime() - start) / 1e6));
		}
		int calls = 100_000;
		long start = System.nanoTime();
		for (int i = 0; i < calls; i++) {
			fingerprinter.fingerprint(root, run);
		}
		double memoizedMicros = (System.nanoTime() - start) / 1e3 / calls;
		System.out.printf(
				"Fingerprint of a method reaching %d application methods in %d classes: first call with a new "
						+ "fingerprinter, 10 rounds: %s ms; memoized call: %.3f us%n",
				fingerprint.methods().size(), classes + 1, firstCalls, memoizedMicros);

		assertThat(fingerprint.methods()).as("the method, its class's constructor and six per class")
			.hasSize(2 + classes * 6);
	}

	private static MethodFingerprinter newFingerprinter() {
		return new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), true, ""));
	}

	/**
	 * Defines classes from bytes without offering them as resources (the parent has none under
	 * {@code com/acme}), like a class generated at run time.
	 */
	private static final class ResourcelessClassLoader extends ClassLoader {

		ResourcelessClassLoader() {
			super(MethodFingerprinterGraphTests.class.getClassLoader());
		}

		Class<?> define(String name, byte[] bytes) {
			return defineClass(name, bytes, 0, bytes.length);
		}

	}

}
