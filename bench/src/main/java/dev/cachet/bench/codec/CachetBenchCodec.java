package dev.cachet.bench.codec;

import java.util.List;

import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.codec.ForyValueCodec;

/** Cachet's default codec, allowlist included, as the cache uses it. */
final class CachetBenchCodec implements BenchCodec {

	private final ForyValueCodec codec = new ForyValueCodec(ClassAllowlist.of(List.of("dev.cachet.bench")));

	@Override
	public byte[] encode(Object value) throws Exception {
		return this.codec.encode(value);
	}

	@Override
	public Object decode(byte[] bytes) throws Exception {
		return this.codec.decode(bytes, 0, bytes.length);
	}

}
