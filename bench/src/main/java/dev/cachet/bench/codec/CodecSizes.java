package dev.cachet.bench.codec;

import java.util.ArrayList;
import java.util.List;

import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;

/** Encoded size of each benchmark payload under each codec: fixed, so measured once, not timed. */
public final class CodecSizes {

	private CodecSizes() {
	}

	/** One measurement per codec and payload, named {@code Codec size <codec> <payload>}. */
	public static List<Measurement> measure() throws Exception {
		List<Measurement> sizes = new ArrayList<>();
		for (Payload payload : Payload.values()) {
			Object value = payload.create();
			sizes.add(size("cachet", payload, new CachetBenchCodec().encode(value)));
			sizes.add(size("kryo", payload, new KryoBenchCodec().encode(value)));
			sizes.add(size("jdk", payload, new JdkBenchCodec().encode(value)));
			sizes.add(size("jackson", payload, new JacksonBenchCodec(payload).encode(value)));
		}
		return sizes;
	}

	public static String label(String codec, String payload) {
		return "Codec size " + codec + " " + payload;
	}

	private static Measurement size(String codec, Payload payload, byte[] encoded) {
		return Measurement.single(label(codec, payload.name()), Unit.BYTES, encoded.length);
	}

}
