package dev.cachet.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH run results into medians of their iteration scores, in nanoseconds per operation. */
public final class JmhMedians {

	private JmhMedians() {
	}

	public static List<Measurement> of(Collection<RunResult> runs) {
		List<Measurement> measurements = new ArrayList<>();
		for (RunResult run : runs) {
			List<Double> nanos = new ArrayList<>();
			for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
				for (IterationResult iteration : benchmark.getIterationResults()) {
					nanos.add(iteration.getPrimaryResult().getScore()
							* Unit.nanosPer(iteration.getPrimaryResult().getScoreUnit()));
				}
			}
			if (!nanos.isEmpty()) {
				measurements.add(Measurement.median(id(run.getParams()), Unit.NANOSECONDS, nanos));
			}
		}
		return measurements;
	}

	/** {@code SimpleClassName.method[param=value,...]}, parameters by name. */
	public static String id(BenchmarkParams params) {
		String benchmark = params.getBenchmark();
		int method = benchmark.lastIndexOf('.');
		int type = benchmark.lastIndexOf('.', method - 1);
		String id = benchmark.substring(type + 1);
		if (params.getParamsKeys().isEmpty()) {
			return id;
		}
		return id + new TreeSet<>(params.getParamsKeys()).stream()
			.map(key -> key + "=" + params.getParam(key))
			.collect(Collectors.joining(",", "[", "]"));
	}

}
