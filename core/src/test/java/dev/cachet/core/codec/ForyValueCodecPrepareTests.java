package dev.cachet.core.codec;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.cachet.core.codec.fixtures.Customer;
import dev.cachet.core.codec.fixtures.LegacyBean;
import dev.cachet.core.codec.fixtures.Order;
import dev.cachet.core.codec.fixtures.Status;
import dev.cachet.core.codec.fixtures.Vessel;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ForyValueCodecPrepareTests {

	/** The fixtures and this test's own records. */
	private static final ClassAllowlist ALLOWLIST = ClassAllowlist.of(List.of("dev.cachet.core.codec"));

	/** A record whose constructor refuses the default values a sample would be built with. */
	record Picky(String name, int size) {

		Picky {
			Objects.requireNonNull(name);
		}

	}

	/** A record with a field of a class outside the allowlist. */
	record HoldsOutsider(Thread thread) {
	}

	abstract static class Shape implements Serializable {

	}

	interface Named {

		String name();

	}

	static class Box<T> {

		T content;

	}

	@Test
	void oddTypesArePreparedOrSkippedWithoutThrowing() throws Exception {
		ForyValueCodec codec = new ForyValueCodec(ALLOWLIST);
		List<Class<?>> odd = List.of(int.class, void.class, Void.class, Object.class, int[].class, Vessel[].class,
				Runnable.class, Named.class, AbstractList.class, Number.class, Shape.class, Box.class, Optional.class,
				Map.class, Status.class, Picky.class, HoldsOutsider.class, Override.class, Thread.class,
				ClassLoader.class, ForyValueCodecPrepareTests.class);
		assertThatNoException().isThrownBy(() -> codec.prepare(odd));
		assertThat(roundTrip(codec, new Picky("p", 1))).isEqualTo(new Picky("p", 1));
	}

	@Test
	void aPreparedCodecWritesTheSameBytesAndReadsThemBack() throws Exception {
		Order order = new Order(7, new Customer("Ada", "ada@example.com", new Customer.Address("1 Loop", "London", "GB")),
				List.of(new Order.Line("A-1", 2, null)), Status.SHIPPED, null, Map.of("gift", "yes"));
		LegacyBean bean = new LegacyBean();
		bean.setName("bean");
		List<Object> values = List.of(order, bean, Vessel.sample(20), new ArrayList<>(Vessel.sample(3)));
		ForyValueCodec prepared = new ForyValueCodec(ALLOWLIST);
		prepared.prepare(new ValueTypes().add(ResolvableType.forClass(Order.class))
			.add(ResolvableType.forClass(LegacyBean.class))
			.add(ResolvableType.forClassWithGenerics(List.class, Vessel.class))
			.classes());
		ForyValueCodec unprepared = new ForyValueCodec(ALLOWLIST);
		for (Object value : values) {
			byte[] bytes = prepared.encode(value);
			assertThat(bytes).isEqualTo(unprepared.encode(value));
			assertThat(decode(prepared, bytes)).usingRecursiveComparison().isEqualTo(value);
			assertThat(decode(unprepared, bytes)).usingRecursiveComparison().isEqualTo(value);
		}
	}

	@Test
	void preparingTwiceOrConcurrentlyWithDecodesIsHarmless() throws Exception {
		ForyValueCodec codec = new ForyValueCodec(ALLOWLIST);
		List<Vessel> vessels = Vessel.sample(50);
		byte[] bytes = codec.encode(vessels);
		Thread preparing = new Thread(() -> codec.prepare(List.of(Vessel.class, Order.class, Customer.class)));
		preparing.start();
		for (int i = 0; i < 20; i++) {
			assertThat(decode(codec, bytes)).isEqualTo(vessels);
		}
		preparing.join();
		codec.prepare(List.of(Vessel.class));
		assertThat(decode(codec, bytes)).isEqualTo(vessels);
	}

	private static Object roundTrip(ValueCodec codec, Object value) throws CodecException {
		return decode(codec, codec.encode(value));
	}

	private static Object decode(ValueCodec codec, byte[] bytes) throws CodecException {
		return codec.decode(bytes, 0, bytes.length);
	}

}
