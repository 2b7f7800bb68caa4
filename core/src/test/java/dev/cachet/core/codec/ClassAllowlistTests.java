package dev.cachet.core.codec;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClassAllowlistTests {

	private final ClassAllowlist allowlist = ClassAllowlist.of(List.of("com.acme", " org.example.* ", "net.demo.", ""));

	@ParameterizedTest
	@ValueSource(strings = { "com.acme.Ship", "com.acme.deep.nested.Type$Inner", "org.example.Thing", "net.demo.X",
			"java.lang.String", "java.lang.Integer", "java.math.BigDecimal", "java.time.Instant",
			"java.time.chrono.HijrahDate", "java.util.UUID", "java.util.Optional", "java.util.ArrayList",
			"java.util.EnumMap", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$MapN",
			"java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$SynchronizedMap",
			"[I", "[[J", "[Ljava.lang.String;", "[[Lcom.acme.Ship;" })
	void allows(String className) {
		assertThat(this.allowlist.isAllowed(className)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "com.acmex.Ship", "com", "org.examples.Thing", "java.lang.Runtime", "java.lang.ProcessBuilder",
			"java.lang.Class", "java.io.File", "java.net.URL", "javax.management.BadAttributeValueExpException",
			"org.apache.commons.collections.functors.InvokerTransformer", "com.sun.rowset.JdbcRowSetImpl",
			"java.util.concurrent.ThreadPoolExecutor", "[Ljava.io.File;", "[Q", "[Lcom.acme.Ship", "", "java.lang.invoke.SerializedLambda" })
	void refuses(String className) {
		assertThat(this.allowlist.isAllowed(className)).isFalse();
	}

	@Test
	void jdkOnlyAllowsNoApplicationPackage() {
		assertThat(ClassAllowlist.jdkOnly().isAllowed("com.acme.Ship")).isFalse();
		assertThat(ClassAllowlist.jdkOnly().isAllowed("java.util.HashMap")).isTrue();
		assertThat(ClassAllowlist.jdkOnly().isAllowed(null)).isFalse();
	}

	@Test
	void normalizesPackages() {
		assertThat(this.allowlist.packagePrefixes()).containsExactly("com.acme.", "org.example.", "net.demo.");
	}

}
