package dev.cachet.bench.codec;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Supplier;

import tools.jackson.core.type.TypeReference;

/** The values the codec benchmark encodes. */
public enum Payload {

	/** 1,000 small records, each with a nested two-element list. */
	VESSELS(() -> Vessel.sample(1000), new TypeReference<List<Vessel>>() {
	}.getType()),

	/** One bean with 50 fields. */
	WIDE_BEAN(WideBean::sample, WideBean.class);

	private final Supplier<Object> factory;

	private final Type type;

	Payload(Supplier<Object> factory, Type type) {
		this.factory = factory;
		this.type = type;
	}

	Object create() {
		return this.factory.get();
	}

	Type type() {
		return this.type;
	}

}
