package dev.cachet.bench.codec;

/** One serialization library under benchmark, reduced to bytes in and out. */
interface BenchCodec {

	byte[] encode(Object value) throws Exception;

	Object decode(byte[] bytes) throws Exception;

}
