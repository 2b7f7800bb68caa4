package dev.cachet.core.hash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Equal values must hash equally in every JVM run, although {@code Set.of}/{@code Map.of} iteration
 * order (a random salt) and enum identity hash codes change between runs. A second JVM, run with
 * constant identity hash codes, prints the hashes of the same sample values.
 */
class CrossJvmHashTests {

	@Test
	void equalValuesHashEquallyInAnotherJvm() throws Exception {
		List<String> expected = new ArrayList<>();
		for (Object value : SampleArguments.values()) {
			expected.add(SampleArguments.hex(SampleArguments.hash(value)));
		}

		List<String> printed = runPrinterInSecondJvm();

		assertThat(printed.get(0)).as("enum identity hash codes differ between the JVMs")
			.isNotEqualTo(SampleArguments.enumIdentityHashes());
		assertThat(printed.subList(1, printed.size())).containsExactlyElementsOf(expected);
		assertThat(expected).as("sample values are all different").doesNotHaveDuplicates();
	}

	private static List<String> runPrinterInSecondJvm() throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", "-cp",
				System.getProperty("java.class.path"), SampleArgumentsHashPrinter.class.getName())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output.lines().toList();
	}

}
