package dev.cachet.bench.key;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.fingerprint.MethodFingerprinter;

/**
 * One-time cost of fingerprinting a method that reaches fifty application methods, with a fresh
 * fingerprinter each time (no memo), in a warm JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 30)
@Fork(1)
public class FingerprintBenchmark {

	private static final Method RUN;

	static {
		try {
			RUN = FiftyStepPipeline.class.getMethod("run", long.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Benchmark
	public MethodFingerprint firstFingerprint() {
		MethodFingerprinter fingerprinter = new MethodFingerprinter(
				new FingerprintSettings(List.of("dev.cachet.bench.key"), true, ""));
		return fingerprinter.fingerprint(FiftyStepPipeline.class, RUN);
	}

}
