package dev.cachet.core.fingerprint;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes that do not change what the code does must keep the fingerprint.
 */
class MethodFingerprinterStabilityTests extends FingerprintTestSupport {

	private static final String HELPER = """
			package com.acme;

			class Helper {
				static int weigh(String path, int i) {
					return path.length() * i + 7;
				}
			}
			""";

	private static final String SERVICE = """
			package com.acme;

			import java.util.List;

			public class Svc {
				public int load(String path, int n) {
					int total = 0;
					for (int i = 0; i < n; i++) {
						total += Helper.weigh(path, i);
					}
					try {
						total += Integer.parseInt(path);
					} catch (NumberFormatException ex) {
						total -= 1;
					}
					List<String> parts = List.of(path.split("/"));
					return total + parts.stream().mapToInt(s -> s.length() * 2).sum();
				}
			}
			""";

	private static final String SERVICE_REFORMATTED = """
			package com.acme;
			import java.util.List;
			/** Loads things. */
			public class Svc
			{


				// adds the weights
				public int load(String path, int n)
				{
					int total = 0;   /* running sum */
					for (int i = 0; i < n; i++) { total += Helper.weigh(path, i); }
					try { total += Integer.parseInt(path); }
					catch (NumberFormatException ex) { total -= 1; }
					List<String> parts =
							List.of(path.split("/"));
					return total
							+ parts.stream().mapToInt(s ->
									s.length() * 2).sum();
				}
			}
			""";

	private static final String SERVICE_RENAMED_LOCALS = """
			package com.acme;

			import java.util.List;

			public class Svc {
				public int load(String path, int n) {
					int sum = 0;
					for (int k = 0; k < n; k++) {
						sum += Helper.weigh(path, k);
					}
					try {
						sum += Integer.parseInt(path);
					} catch (NumberFormatException notANumber) {
						sum -= 1;
					}
					List<String> segments = List.of(path.split("/"));
					return sum + segments.stream().mapToInt(segment -> segment.length() * 2).sum();
				}
			}
			""";

	@Test
	void reformattingAndCommentsKeepTheFingerprint() {
		MethodFingerprint original = fingerprint("load", SERVICE, HELPER);
		MethodFingerprint reformatted = fingerprint("load", SERVICE_REFORMATTED, HELPER);

		assertThat(reformatted.hash()).isEqualTo(original.hash()).matches("[0-9a-f]{32}");
		assertThat(reformatted.methods()).isEqualTo(original.methods());
	}

	@Test
	void renamedLocalsKeepTheFingerprint() {
		assertThat(fingerprint("load", SERVICE_RENAMED_LOCALS, HELPER).hash())
			.isEqualTo(fingerprint("load", SERVICE, HELPER).hash());
	}

	@Test
	void debugInformationDoesNotCount() {
		MethodFingerprint withDebug = fingerprint(List.of("-g"), "load", SERVICE, HELPER);
		MethodFingerprint withoutDebug = fingerprint(List.of("-g:none"), "load", SERVICE, HELPER);

		assertThat(withoutDebug.hash()).isEqualTo(withDebug.hash());
	}

	@Test
	void sameBytesInAnotherClassLoaderGiveTheSameFingerprint() {
		MethodFingerprinter other = new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), true, ""));
		ClassLoader loader = load(SERVICE, HELPER);

		assertThat(fingerprint(other, loader, "com.acme.Svc", "load").hash())
			.isEqualTo(fingerprint("load", SERVICE, HELPER).hash());
	}

	/**
	 * javac 17 numbers lambdas per class, javac 21 and later per method name: an overload placed
	 * first renumbers the lambda with either.
	 */
	@Test
	void aLambdaAddedInAnotherMethodKeepsTheFingerprint() throws Exception {
		String before = """
				package com.acme;

				import java.util.List;

				public class Svc {
					public int load(List<String> items) {
						return items.stream().mapToInt(s -> s.length() + 1).sum();
					}
				}
				""";
		String after = """
				package com.acme;

				import java.util.List;

				public class Svc {
					public Runnable load(int times) {
						return () -> System.out.println(times);
					}

					public int load(List<String> items) {
						return items.stream().mapToInt(s -> s.length() + 1).sum();
					}
				}
				""";
		ClassLoader original = load(before);
		ClassLoader renumbered = load(after);
		assertThat(declaresMethod(renumbered, "com.acme.Svc", "lambda$load$1")).as("javac renumbered the lambda")
			.isTrue();

		assertThat(fingerprintLoad(renumbered).hash()).isEqualTo(fingerprintLoad(original).hash());
	}

	private MethodFingerprint fingerprintLoad(ClassLoader loader) throws Exception {
		Class<?> service = Class.forName("com.acme.Svc", false, loader);
		return this.fingerprinter.fingerprint(service, service.getDeclaredMethod("load", List.class));
	}

	@Test
	void anAnonymousClassAddedElsewhereKeepsTheFingerprint() {
		String before = """
				package com.acme;

				import java.util.Comparator;

				public class Svc {
					public int load(int x) {
						Comparator<Integer> byDistance = new Comparator<>() {
							@Override
							public int compare(Integer a, Integer b) {
								return Math.abs(a - x) - Math.abs(b - x);
							}
						};
						return byDistance.compare(3, 5);
					}
				}
				""";
		String after = """
				package com.acme;

				import java.util.Comparator;

				public class Svc {
					public Runnable other() {
						return new Runnable() {
							@Override
							public void run() {
								System.out.println("other");
							}
						};
					}

					public int load(int x) {
						Comparator<Integer> byDistance = new Comparator<>() {
							@Override
							public int compare(Integer a, Integer b) {
								return Math.abs(a - x) - Math.abs(b - x);
							}
						};
						return byDistance.compare(3, 5);
					}
				}
				""";
		ClassLoader renumbered = load(after);
		assertThat(hasClass(renumbered, "com.acme.Svc$2")).as("javac renumbered the anonymous class").isTrue();

		MethodFingerprint original = fingerprint("load", before);
		MethodFingerprint withOther = fingerprint(this.fingerprinter, renumbered, "com.acme.Svc", "load");

		assertThat(withOther.hash()).isEqualTo(original.hash());
		assertThat(original.methods()).containsKey("com.acme.Svc$1#compare(java.lang.Integer,java.lang.Integer)");
	}

	@Test
	void anEnumSwitchKeepsTheFingerprintWhenItsSwitchMapClassIsRenumbered() {
		String color = """
				package com.acme;

				public enum Color {
					RED, GREEN, BLUE
				}
				""";
		String service = """
				package com.acme;

				public class Svc {
					%s

					public int load(Color color) {
						switch (color) {
							case RED:
								return 1;
							case BLUE:
								return 3;
							default:
								return 0;
						}
					}
				}
				""";
		String elsewhere = "public Runnable other() { return new Runnable() { public void run() { } }; }";
		ClassLoader renumbered = load(service.formatted(elsewhere), color);
		assertThat(hasClass(renumbered, "com.acme.Svc$2")).as("javac renumbered the switch map class").isTrue();

		MethodFingerprint original = fingerprint("load", service.formatted(""), color);

		assertThat(fingerprint(this.fingerprinter, renumbered, "com.acme.Svc", "load").hash())
			.isEqualTo(original.hash());
		assertThat(original.methods()).containsKeys("com.acme.Svc$1#<clinit>()", "com.acme.Color#<clinit>()");
	}

}
