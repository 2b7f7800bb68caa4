package dev.cachet.bench.redis;

import java.util.function.Supplier;

import dev.cachet.bench.codec.WideBean;
import dev.cachet.bench.support.RandomBytes;

/** The values the Redis benchmark reads. */
public enum RedisValue {

	/** A bean with 50 fields. */
	POJO_50_FIELDS(WideBean::sample),

	/** 1 MiB of incompressible bytes. */
	BYTES_1_MIB(() -> RandomBytes.of(1024 * 1024, 1));

	private final Supplier<Object> factory;

	RedisValue(Supplier<Object> factory) {
		this.factory = factory;
	}

	Object create() {
		return factory.get();
	}

}
