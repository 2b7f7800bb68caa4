package dev.cachet.bench.codec;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode plus decode of one value: Cachet's default (Fory) against Kryo (the candidate not chosen), JDK
 * serialization and Jackson. The encoded size is printed once per trial as a line
 * starting with {@code [size]}, since it does not vary between iterations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBenchmark {

	@Param({ "cachet", "kryo", "jdk", "jackson" })
	public String codec;

	@Param({ "VESSELS", "WIDE_BEAN" })
	public Payload payload;

	private BenchCodec bench;

	private Object value;

	@Setup
	public void setUp() throws Exception {
		this.value = this.payload.create();
		this.bench = switch (this.codec) {
			case "cachet" -> new CachetBenchCodec();
			case "kryo" -> new KryoBenchCodec();
			case "jdk" -> new JdkBenchCodec();
			case "jackson" -> new JacksonBenchCodec(this.payload);
			default -> throw new IllegalArgumentException(this.codec);
		};
		byte[] encoded = this.bench.encode(this.value);
		if (!this.value.getClass().equals(this.bench.decode(encoded).getClass())) {
			throw new IllegalStateException(this.codec + " did not round-trip " + this.payload);
		}
		System.out.printf("%n[size] %s %s: %d bytes%n", this.codec, this.payload, encoded.length);
	}

	@Benchmark
	public Object roundTrip() throws Exception {
		return this.bench.decode(this.bench.encode(this.value));
	}

}
