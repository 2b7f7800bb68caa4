package dev.cachet.bench.key;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.cache.interceptor.SimpleKeyGenerator;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.hash.CanonicalArgumentHasher;

/**
 * Cost of one key: Cachet's generator (method identity, fingerprint, canonical 128-bit argument
 * hash) against Spring's {@link SimpleKeyGenerator} on the same arguments. Spring's key is also
 * asked for its {@code hashCode()}, as any cache lookup does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyBenchmark {

	/** A ten-field record. */
	public record Query(String region, int year, long vesselId, double minLength, double maxLength, boolean active,
			LocalDate from, LocalDate to, String source, int limit) {
	}

	/** The cached methods whose keys are built. */
	public static class Service {

		public String none() {
			return "";
		}

		public String scalars(String region, int year, long id) {
			return region;
		}

		public String record(Query query) {
			return "";
		}

		public String list(List<Query> queries) {
			return "";
		}

	}

	@Param({ "none", "scalars", "record", "list" })
	public String shape;

	private final Service target = new Service();

	private final SimpleKeyGenerator simple = new SimpleKeyGenerator();

	private CachetKeyGenerator cachet;

	private Method method;

	private Object[] arguments;

	@Setup
	public void setUp() throws Exception {
		cachet = new CachetKeyGenerator(new CachedMethods(new MethodFingerprinter(
				new FingerprintSettings(List.of("dev.cachet.bench"), true, ""))),
				new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));
		Query query = new Query("north", 2024, 338_000_123L, 50.5, 300.0, true, LocalDate.of(2024, 1, 1),
				LocalDate.of(2024, 12, 31), "noaa", 100);
		List<Query> queries = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			queries.add(new Query("region-" + i, 2000 + i, i, i * 1.5, i * 3.0, i % 2 == 0, LocalDate.of(2024, 1, 1)
				.plusDays(i), LocalDate.of(2024, 12, 31), "noaa", i));
		}
		switch (shape) {
			case "none" -> {
				method = Service.class.getMethod("none");
				arguments = new Object[0];
			}
			case "scalars" -> {
				method = Service.class.getMethod("scalars", String.class, int.class, long.class);
				arguments = new Object[] { "north", 2024, 338_000_123L };
			}
			case "record" -> {
				method = Service.class.getMethod("record", Query.class);
				arguments = new Object[] { query };
			}
			default -> {
				method = Service.class.getMethod("list", List.class);
				arguments = new Object[] { queries };
			}
		}
		cachet.generate(target, method, arguments);
	}

	@Benchmark
	public Object cachet() {
		return cachet.generate(target, method, arguments);
	}

	@Benchmark
	public int springSimple() {
		return simple.generate(target, method, arguments).hashCode();
	}

}
