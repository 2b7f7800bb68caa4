package dev.cachet.bench;

import java.util.List;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long the suite runs: {@code full} (about 30 minutes on 2 cores) or {@code quick} (about 5),
 * chosen with {@code -Dbench.mode}.
 */
public enum BenchMode {

	QUICK(2, TimeValue.milliseconds(500), 3, TimeValue.milliseconds(300), 5, 10, List.of(1_000, 100_000), 5, 2, 10_000,
			2, 2),

	FULL(5, TimeValue.seconds(1), 10, TimeValue.seconds(1), 20, 30, List.of(1_000, 100_000, 1_000_000), 15, 5, 50_000,
			3, 7);

	final int warmupIterations;

	final TimeValue warmupTime;

	final int measurementIterations;

	final TimeValue measurementTime;

	final int fingerprintWarmups;

	final int fingerprintMeasurements;

	final List<Integer> scaleSizes;

	final int aisCalls;

	final int stampedeRounds;

	final int scaleHits;

	final int scaleStartups;

	/** Fresh JVMs that each time a first hit after the storing one, per tier. */
	final int firstHitJvms;

	BenchMode(int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime,
			int fingerprintWarmups, int fingerprintMeasurements, List<Integer> scaleSizes, int aisCalls,
			int stampedeRounds, int scaleHits, int scaleStartups, int firstHitJvms) {
		this.warmupIterations = warmupIterations;
		this.warmupTime = warmupTime;
		this.measurementIterations = measurementIterations;
		this.measurementTime = measurementTime;
		this.fingerprintWarmups = fingerprintWarmups;
		this.fingerprintMeasurements = fingerprintMeasurements;
		this.scaleSizes = scaleSizes;
		this.aisCalls = aisCalls;
		this.stampedeRounds = stampedeRounds;
		this.scaleHits = scaleHits;
		this.scaleStartups = scaleStartups;
		this.firstHitJvms = firstHitJvms;
	}

	static BenchMode fromProperty() {
		return BenchMode.valueOf(System.getProperty("bench.mode", "full").trim().toUpperCase(java.util.Locale.ROOT));
	}

}
