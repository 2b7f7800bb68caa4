package dev.cachet.bench.firsthit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;
import dev.cachet.bench.support.BenchRedis;
import dev.cachet.bench.support.TempFolders;
import dev.cachet.sample.AisFileGenerator;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServers;

/**
 * The first hit of each cached type after a restart. Per tier, one JVM ({@link FirstHitProbe}
 * {@code store}) computes and stores three values of the sample app's types: a record holding a
 * list of records, a list of a few records, and the 100,000-row AIS list. Then {@code jvms} fresh
 * JVMs each time the first hit of each value, the median of later hits of the same key, and one
 * recomputation. The tier is alone in the cache manager, so the first and the later hits come from
 * the same tier (after a restart the memory tier is empty: a first hit comes from disk, Redis or
 * S3).
 *
 * <p>Measurements, medians over the JVMs: {@code First hit <tier> <value> first|warm|recompute}, and
 * {@code ... first/warm} and {@code ... first/recompute}, the medians of the per-JVM ratios (as
 * counts, in thousandths). Every probe's lines are printed as they come.
 */
public final class FirstHitScenario {

	private static final Pattern LINE = Pattern.compile(
			"FIRSTHIT tier=(\\S+) value=(\\S+) first_ns=(\\S+) warm_ns=(\\S+) recompute_ns=(\\S+) prepare_wait_ms=(\\S+)");

	/** The values, in the order each probe reads them. */
	public static final List<String> VALUES = List.of("record", "records", "rows");

	/** The tiers the scenario can run on. */
	public static final List<String> TIERS = List.of("disk", "redis");

	private final int jvms;

	private final List<String> tiers;

	public FirstHitScenario(int jvms, List<String> tiers) {
		this.jvms = jvms;
		this.tiers = tiers;
	}

	/** Standalone: {@code FirstHitScenario [jvms=5] [tiers=disk,redis]}, with a Redis of its own if asked for. */
	public static void main(String[] args) throws Exception {
		int jvms = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		List<String> tiers = List.of(((args.length > 1) ? args[1] : "disk").split(","));
		List<Measurement> measurements;
		if (tiers.contains("redis")) {
			try (RedisServer redis = RedisServers.start()) {
				System.setProperty(BenchRedis.HOST_PROPERTY, redis.host());
				System.setProperty(BenchRedis.PORT_PROPERTY, Integer.toString(redis.port()));
				measurements = new FirstHitScenario(jvms, tiers).run();
			}
		}
		else {
			measurements = new FirstHitScenario(jvms, tiers).run();
		}
		measurements.forEach(m -> System.out.printf(Locale.ROOT, "%-45s %s (%d JVMs)%n", m.id(), m.formatted(), m.samples()));
	}

	/** The name of a measurement, such as {@code First hit disk rows first/warm}. */
	public static String label(String tier, String value, String figure) {
		return "First hit " + tier + " " + value + " " + figure;
	}

	/** What a value is, for the table. */
	public static String describe(String value) {
		return switch (value) {
			case "record" -> "record of records";
			case "records" -> "list of records";
			case "rows" -> "100,000 rows";
			default -> value;
		};
	}

	/** Runs the scenario on each tier: one storing JVM, then the probes; the measurements of all tiers. */
	public List<Measurement> run() throws Exception {
		Path folder = TempFolders.create("cachet-bench-first-hit");
		try {
			String csv = AisFileGenerator.ensure(folder.resolve("ais.csv"), 100_000).toString();
			List<Measurement> measurements = new ArrayList<>();
			for (String tier : tiers) {
				measurements.addAll(measure(tier, folder.resolve("disk-" + tier), csv));
			}
			return measurements;
		}
		finally {
			TempFolders.delete(folder);
		}
	}

	private List<Measurement> measure(String tier, Path disk, String csv) throws Exception {
		launch("store", tier, disk, csv);
		Map<String, List<double[]>> byValue = new LinkedHashMap<>();
		for (int i = 0; i < jvms; i++) {
			for (String line : launch("probe", tier, disk, csv)) {
				Matcher matcher = LINE.matcher(line);
				if (matcher.matches()) {
					System.out.println("[first-hit] jvm " + (i + 1) + ": " + line);
					double[] figures = { Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
							Double.parseDouble(matcher.group(5)) };
					byValue.computeIfAbsent(matcher.group(2), value -> new ArrayList<>()).add(figures);
				}
			}
		}
		List<Measurement> measurements = new ArrayList<>();
		byValue.forEach((value, runs) -> {
			measurements.add(median(label(tier, value, "first"), runs, run -> run[0], Unit.NANOSECONDS));
			measurements.add(median(label(tier, value, "warm"), runs, run -> run[1], Unit.NANOSECONDS));
			measurements.add(median(label(tier, value, "recompute"), runs, run -> run[2], Unit.NANOSECONDS));
			measurements.add(median(label(tier, value, "first/warm"), runs, run -> run[0] / run[1], Unit.RATIO));
			measurements.add(median(label(tier, value, "first/recompute"), runs, run -> run[0] / run[2], Unit.RATIO));
		});
		return measurements;
	}

	private static Measurement median(String id, List<double[]> runs, ToDoubleFunction<double[]> figure, Unit unit) {
		return Measurement.median(id, unit, runs.stream().map(run -> figure.applyAsDouble(run)).toList());
	}

	/** Runs one probe JVM on this JVM's class path and returns its output lines. */
	private static List<String> launch(String phase, String tier, Path disk, String csv) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-cp", System.getProperty("java.class.path")));
		if (tier.equals("redis")) {
			command.add("-D" + BenchRedis.HOST_PROPERTY + "=" + BenchRedis.host());
			command.add("-D" + BenchRedis.PORT_PROPERTY + "=" + BenchRedis.port());
		}
		command.addAll(List.of(FirstHitProbe.class.getName(), phase, tier, disk.toString(), csv));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("First-hit " + phase + " JVM (" + tier + ") failed:\n" + String.join("\n", lines));
		}
		return lines;
	}

}
