package dev.cachet.bench.codec;

import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;

/** Raw Apache Fory, configured like Cachet's codec but without its allowlist. */
final class ForyBenchCodec implements BenchCodec {

	private final ThreadSafeFory fory = Fory.builder()
		.withLanguage(Language.JAVA)
		.requireClassRegistration(false)
		.withRefTracking(false)
		.withClassVersionCheck(true)
		.buildThreadSafeFory();

	@Override
	public byte[] encode(Object value) {
		return this.fory.serialize(value);
	}

	@Override
	public Object decode(byte[] bytes) {
		return this.fory.deserialize(bytes);
	}

}
