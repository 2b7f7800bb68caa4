package dev.cachet.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.cachet.bench.codec.CodecSizes;
import dev.cachet.bench.firsthit.FirstHitScenario;
import dev.cachet.bench.report.Comparisons;
import dev.cachet.bench.report.JmhMedians;
import dev.cachet.bench.report.Machine;
import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.ResultRow;
import dev.cachet.bench.report.ResultTable;
import dev.cachet.bench.report.RunReport;
import dev.cachet.bench.scenario.AisAgainstCaffeineScenario;
import dev.cachet.bench.scenario.AisScenario;
import dev.cachet.bench.spring.HitAllocationScenario;
import dev.cachet.bench.scenario.DiskScaleScenario;
import dev.cachet.bench.scenario.StampedeScenario;
import dev.cachet.bench.support.BenchRedis;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServers;

/**
 * Runs every benchmark and scenario against its peers in one go, on a Redis server of its own, then
 * prints one table (case, Cachet median, peer median, ratio, goal, met/missed) and writes
 * {@code <results>/<date>.json} plus the raw JMH results as {@code <date>-jmh.json}.
 *
 * <p>System properties: {@code bench.mode} ({@code full} or {@code quick}) and {@code bench.results}
 * (the output folder, default {@code bench/results}).
 */
public final class BenchRunner {

	private static final String PACKAGE = "^dev\\.cachet\\.bench\\.";

	/** Benchmarks that take the mode's warm-up and measurement times. */
	private static final List<String> TIMED = List.of("spring\\.CacheableHitBenchmark\\.", "spring\\.LineageBenchmark\\.",
			"disk\\.DiskHitBenchmark\\.", "redis\\.RedisHitBenchmark\\.", "codec\\.CodecBenchmark\\.", "key\\.KeyBenchmark\\.");

	/** Written by another engineer; run when present, matched by name only. */
	private static final String S3 = "s3\\.S3TierBenchmark\\.";

	private BenchRunner() {
	}

	public static void main(String[] args) throws Exception {
		BenchMode mode = BenchMode.fromProperty();
		Path results = Path.of(System.getProperty("bench.results", "bench/results"));
		long start = System.nanoTime();
		String loadBefore = Machine.loadAverage();
		List<RunResult> jmhResults = new ArrayList<>();
		List<Measurement> measurements = new ArrayList<>();
		String redisKind;
		try (RedisServer redis = RedisServers.start()) {
			redisKind = redis.kind();
			System.setProperty(BenchRedis.HOST_PROPERTY, redis.host());
			System.setProperty(BenchRedis.PORT_PROPERTY, Integer.toString(redis.port()));
			jmhResults.addAll(timedBenchmarks(mode, redis));
			jmhResults.addAll(fingerprintBenchmark(mode));
			jmhResults.addAll(s3Benchmarks(mode, redis));
			measurements.addAll(JmhMedians.of(jmhResults));
			measurements.addAll(CodecSizes.measure());
			measurements.addAll(new HitAllocationScenario().run());
			measurements.addAll(new AisScenario(mode.aisCalls).run());
			measurements.addAll(new AisAgainstCaffeineScenario(mode.aisCalls).run());
			measurements.addAll(new FirstHitScenario(mode.firstHitJvms, FirstHitScenario.TIERS).run());
			measurements.addAll(new StampedeScenario(mode.stampedeRounds).run());
			measurements.addAll(new DiskScaleScenario(mode.scaleSizes, mode.scaleHits, mode.scaleStartups).run());
		}
		List<ResultRow> rows = new Comparisons(measurements).rows(mode.scaleSizes);
		RunReport report = new RunReport(LocalDate.now().toString(), mode.name().toLowerCase(Locale.ROOT),
				Machine.current(), loadBefore, Machine.loadAverage(), (System.nanoTime() - start) / 1_000_000_000,
				redisKind, rows.stream().map(RunReport.Row::of).toList(), measurements);
		System.out.println();
		System.out.printf("Cachet benchmarks, %s mode, %s; %s; load average %s -> %s; %d s%n", report.mode(),
				report.date(), report.machine(), report.loadBefore(), report.loadAfter(), report.durationSeconds());
		System.out.println(ResultTable.render(rows));
		write(results, report, jmhResults);
	}

	private static Collection<RunResult> run(Options options) throws Exception {
		JmhLock.awaitFree();
		return new Runner(options).run();
	}

	private static Collection<RunResult> timedBenchmarks(BenchMode mode, RedisServer redis) throws Exception {
		ChainedOptionsBuilder options = common(redis).warmupIterations(mode.warmupIterations)
			.warmupTime(mode.warmupTime)
			.measurementIterations(mode.measurementIterations)
			.measurementTime(mode.measurementTime);
		TIMED.forEach(benchmark -> options.include(PACKAGE + benchmark));
		options.include("dev\\.cachet\\.core\\.cache\\.ReadChecksBenchmark\\.");
		if (mode == BenchMode.QUICK) {
			// fewer variants, same cases: the goals' rows stay
			options.param("codec", "cachet", "jdk").param("payload", "VESSELS").param("shape", "none", "record");
		}
		return run(options.build());
	}

	private static Collection<RunResult> fingerprintBenchmark(BenchMode mode) throws Exception {
		return run(new OptionsBuilder().include(PACKAGE + "key\\.FingerprintBenchmark\\.")
			.forks(1)
			.warmupIterations(mode.fingerprintWarmups)
			.measurementIterations(mode.fingerprintMeasurements)
			.build());
	}

	private static Collection<RunResult> s3Benchmarks(BenchMode mode, RedisServer redis) throws Exception {
		try {
			return run(common(redis).include(PACKAGE + S3)
				.warmupIterations(mode.warmupIterations)
				.warmupTime(mode.warmupTime)
				.measurementIterations(mode.measurementIterations)
				.measurementTime(mode.measurementTime)
				.build());
		}
		catch (NoBenchmarksException ex) {
			System.out.println("[s3] no S3TierBenchmark in this build: S3 not measured");
			return List.of();
		}
	}

	private static ChainedOptionsBuilder common(RedisServer redis) {
		return new OptionsBuilder().forks(1)
			.jvmArgsAppend("-D" + BenchRedis.HOST_PROPERTY + "=" + redis.host(),
					"-D" + BenchRedis.PORT_PROPERTY + "=" + redis.port());
	}

	private static void write(Path folder, RunReport report, Collection<RunResult> jmhResults) throws Exception {
		Files.createDirectories(folder);
		Path json = folder.resolve(report.date() + ".json");
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(json.toFile(), report);
		Path raw = folder.resolve(report.date() + "-jmh.json");
		try (PrintStream out = new PrintStream(Files.newOutputStream(raw), true, "UTF-8")) {
			ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(jmhResults);
		}
		System.out.println("Wrote " + json.toAbsolutePath() + " and " + raw.toAbsolutePath());
	}

}
