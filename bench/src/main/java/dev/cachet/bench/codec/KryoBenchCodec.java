package dev.cachet.bench.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo 5 configured as a cache codec would need it: unregistered classes by name, objects without a
 * no-arg constructor, JDK immutable collections; instances pooled because a {@code Kryo} is not
 * thread-safe.
 */
final class KryoBenchCodec implements BenchCodec {

	private final Pool<Kryo> kryos = new Pool<>(true, false, 16) {
		@Override
		protected Kryo create() {
			Kryo kryo = new Kryo();
			kryo.setRegistrationRequired(false);
			kryo.setReferences(false);
			kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
			ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
			return kryo;
		}
	};

	private final Pool<Output> outputs = new Pool<>(true, false, 16) {
		@Override
		protected Output create() {
			return new Output(8192, -1);
		}
	};

	@Override
	public byte[] encode(Object value) {
		Kryo kryo = this.kryos.obtain();
		Output output = this.outputs.obtain();
		try {
			output.reset();
			kryo.writeClassAndObject(output, value);
			return output.toBytes();
		}
		finally {
			this.outputs.free(output);
			this.kryos.free(kryo);
		}
	}

	@Override
	public Object decode(byte[] bytes) {
		Kryo kryo = this.kryos.obtain();
		try {
			return kryo.readClassAndObject(new Input(bytes));
		}
		finally {
			this.kryos.free(kryo);
		}
	}

}
