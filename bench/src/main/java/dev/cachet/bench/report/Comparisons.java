package dev.cachet.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cachet.bench.codec.CodecSizes;
import dev.cachet.bench.firsthit.FirstHitScenario;
import dev.cachet.bench.scenario.DiskScaleScenario;

/**
 * The table's rows: each case with Cachet beside its peer from the same run, and its goal. A
 * missing measurement (a benchmark that failed or was not run) shows as {@code n/a}.
 */
public final class Comparisons {

	private static final String[][] DISK_SIZES = { { "1024", "1 KiB" }, { "102400", "100 KiB" },
			{ "10485760", "10 MiB" } };

	private static final String[][] REDIS_VALUES = { { "POJO_50_FIELDS", "50-field POJO" },
			{ "BYTES_1_MIB", "1 MiB" } };

	private final Map<String, Measurement> measurements = new LinkedHashMap<>();

	private final List<ResultRow> rows = new ArrayList<>();

	public Comparisons(Collection<Measurement> measurements) {
		measurements.forEach(measurement -> this.measurements.put(measurement.id(), measurement));
	}

	/** Builds every row, in the order of the cases. */
	public List<ResultRow> rows(List<Integer> scaleSizes) {
		rows.clear();
		row("@Cacheable hit: Cachet memory vs Caffeine", "CacheableHitBenchmark.cachet", "CacheableHitBenchmark.caffeine",
				Goal.ratioAtMost("<= 1.3x", 1.3));
		row("@Cacheable hit: bytes allocated vs Caffeine", "Hit bytes cachet", "Hit bytes caffeine",
				Goal.ratioAtMost("<= 2x", 2));
		row("Memory hit: lineage on vs off", "LineageBenchmark.smallHit[lineage=on]",
				"LineageBenchmark.smallHit[lineage=off]", Goal.ratioAtMost("<= 1.05x", 1.05));
		row("Report miss (2 cached inputs): lineage on vs off", "LineageBenchmark.reportMiss[lineage=on]",
				"LineageBenchmark.reportMiss[lineage=off]", Goal.ratioAtMost("<= 1.05x", 1.05));
		row("Report hit (2 inputs checked) vs lineage off", "LineageBenchmark.reportHit[lineage=on]",
				"LineageBenchmark.reportHit[lineage=off]", Goal.NONE);
		row("Read-time checks vs whole memory hit", "ReadChecksBenchmark.checks", "ReadChecksBenchmark.memoryHit",
				Goal.ratioAtMost("<= 0.05x", 0.05));
		for (String[] size : DISK_SIZES) {
			String cachet = "DiskHitBenchmark.cachet[size=" + size[0] + "]";
			row("Disk hit " + size[1] + " vs raw read+decode", cachet, "DiskHitBenchmark.raw[size=" + size[0] + "]",
					Goal.ratioAtMost("<= 1.3x", 1.3));
			row("Disk hit " + size[1] + " vs Ehcache disk", cachet, "DiskHitBenchmark.ehcache[size=" + size[0] + "]",
					Goal.ratioAtMost("< 1x (faster)", 0.9999));
		}
		for (String[] value : REDIS_VALUES) {
			String suffix = "[value=" + value[0] + "]";
			String cachet = "RedisHitBenchmark.cachet" + suffix;
			row("Redis hit " + value[1] + " vs raw Lettuce GET+decode", cachet, "RedisHitBenchmark.raw" + suffix,
					Goal.ratioAtMost("<= 1.1x", 1.1));
			row("Redis hit " + value[1] + " vs Spring Data default", cachet, "RedisHitBenchmark.springData" + suffix,
					Goal.ratioAtMost("<= 0.5x (2x faster)", 0.5));
			row("Redis hit " + value[1] + " vs Redisson", cachet, "RedisHitBenchmark.redisson" + suffix, Goal.NONE);
			row("Redis hit " + value[1] + " signed vs unsigned", "RedisHitBenchmark.cachetSigned" + suffix, cachet,
					value[0].equals("BYTES_1_MIB") ? Goal.ratioAtMost("<= 1.1x", 1.1) : Goal.NONE);
		}
		s3Rows();
		codecRows();
		for (String shape : List.of("none", "scalars", "record", "list")) {
			row("Key (" + shape + ") vs SimpleKeyGenerator", "KeyBenchmark.cachet[shape=" + shape + "]",
					"KeyBenchmark.springSimple[shape=" + shape + "]", Goal.NONE);
		}
		row("Fingerprint, 50 reached methods (one-time)", "FingerprintBenchmark.firstFingerprint", null, Goal.NONE);
		for (String tier : List.of("memory", "disk", "redis")) {
			row("AIS load " + tier + ": warm vs cold", "AIS " + tier + " warm", "AIS " + tier + " cold",
					tier.equals("disk") ? Goal.ratioAtMost("<= 0.05x (20x faster)", 0.05) : Goal.NONE);
		}
		row("AIS miss (memory, disk) vs Caffeine miss", "AIS miss cachet", "AIS miss caffeine",
				Goal.ratioAtMost("<= 1.1x", 1.1));
		row("AIS first memory hit vs Caffeine", "AIS first hit cachet", "AIS first hit caffeine",
				Goal.ratioAtMost("<= 1.3x", 1.3));
		row("AIS repeated memory hit vs Caffeine", "AIS hit cachet", "AIS hit caffeine", Goal.ratioAtMost("<= 1.3x", 1.3));
		firstHitRows();
		row("Stampede (64 threads): computations", "Stampede computations", null, Goal.valueAtMost("= 1", 1));
		row("Stampede: p99 wait vs loader time", "Stampede p99 wait", "Stampede loader time", Goal.NONE);
		for (String what : List.of("hit", "start-up", "start-up from scratch")) {
			String smallest = DiskScaleScenario.label(what, scaleSizes.get(0));
			for (int size : scaleSizes) {
				String label = DiskScaleScenario.label(what, size);
				row(label + ((size == scaleSizes.get(0)) ? "" : " vs @ " + String.format("%,d", scaleSizes.get(0))),
						label, (size == scaleSizes.get(0)) ? null : smallest,
						(what.equals("hit") && size != scaleSizes.get(0)) ? Goal.ratioAtMost("<= 1.1x", 1.1) : Goal.NONE);
			}
		}
		for (int size : scaleSizes) {
			String label = DiskScaleScenario.label("index heap per entry", size);
			row(label, label, null, Goal.valueAtMost("<= 64 B", 64));
		}
		return List.copyOf(rows);
	}

	/** Present for the tiers the first-hit scenario ran on. */
	private void firstHitRows() {
		for (String tier : FirstHitScenario.TIERS) {
			for (String value : FirstHitScenario.VALUES) {
				String what = "First hit after restart (" + tier + ", " + FirstHitScenario.describe(value) + ")";
				if (!measurements.containsKey(FirstHitScenario.label(tier, value, "first"))) {
					continue;
				}
				row(what + ": first vs warm hit", FirstHitScenario.label(tier, value, "first"),
						FirstHitScenario.label(tier, value, "warm"), Goal.NONE);
				row(what + ": first/warm per JVM", FirstHitScenario.label(tier, value, "first/warm"), null,
						Goal.valueAtMost("<= 3x", 3));
				row(what + ": first/recompute per JVM", FirstHitScenario.label(tier, value, "first/recompute"), null,
						Goal.NONE);
			}
		}
	}

	private void codecRows() {
		for (String payload : List.of("VESSELS", "WIDE_BEAN")) {
			String what = payload.equals("VESSELS") ? "1,000 records" : "50-field bean";
			String cachet = "CodecBenchmark.roundTrip[codec=cachet,payload=" + payload + "]";
			for (String peer : List.of("jdk", "jackson", "kryo")) {
				boolean goal = payload.equals("VESSELS") && peer.equals("jdk");
				row("Codec " + what + " time vs " + peer, cachet,
						"CodecBenchmark.roundTrip[codec=" + peer + ",payload=" + payload + "]",
						goal ? Goal.ratioAtMost("<= 0.33x (3x faster)", 1.0 / 3) : Goal.NONE);
				row("Codec " + what + " size vs " + peer, CodecSizes.label("cachet", payload),
						CodecSizes.label(peer, payload), goal ? Goal.ratioAtMost("<= 0.5x", 0.5) : Goal.NONE);
			}
		}
	}

	/** S3 benchmarks are written elsewhere: pair their {@code cachet} method with each other method of the same parameters. */
	private void s3Rows() {
		for (Measurement measurement : measurements.values()) {
			String id = measurement.id();
			if (!id.startsWith("S3TierBenchmark.") || id.startsWith("S3TierBenchmark.cachet")) {
				continue;
			}
			String params = id.contains("[") ? id.substring(id.indexOf('[')) : "";
			String cachet = "S3TierBenchmark.cachet" + params;
			if (measurements.containsKey(cachet)) {
				row("S3 " + params + " vs " + id.substring("S3TierBenchmark.".length()), cachet, id, Goal.NONE);
			}
			else {
				row("S3 " + id.substring("S3TierBenchmark.".length()), id, null, Goal.NONE);
			}
		}
	}

	private void row(String caseName, String cachetId, String peerId, Goal goal) {
		rows.add(new ResultRow(caseName, measurements.get(cachetId), (peerId != null) ? measurements.get(peerId) : null,
				goal));
	}

}
