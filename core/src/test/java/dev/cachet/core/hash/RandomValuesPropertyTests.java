package dev.cachet.core.hash;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.dynatrace.hash4j.hashing.HashValue128;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates random nested values from a seeded {@link Random}, with small alphabets so that many
 * are equal: unequal values must never share a hash, equal values (including copies built from other
 * collection classes in other insertion orders) must always share one.
 */
class RandomValuesPropertyTests {

	private static final int VALUES = 10_000;

	private static final int MAX_DEPTH = 4;

	private static final double[] DOUBLES = { 0.0, -0.0, 1.0, -1.0, 0.5, Double.NaN,
			Double.longBitsToDouble(0x7ff8_0000_0000_0001L), Double.POSITIVE_INFINITY };

	private static final float[] FLOATS = { 0f, -0f, 1f, Float.NaN, Float.intBitsToFloat(0x7fc0_0001) };

	private static final String[] DECIMALS = { "0", "0.0", "-0", "1", "1.0", "1.00", "10", "1E+1" };

	private final CanonicalArgumentHasher hasher = new CanonicalArgumentHasher(List.of());

	private final Random random = new Random(20_261_103L);

	@Test
	void unequalValuesNeverShareAHashAndEqualValuesAlwaysDo() throws Exception {
		Map<HashValue128, Object> valueByHash = new HashMap<>();
		Map<Object, HashValue128> hashByValue = new HashMap<>();
		int repeatedValues = 0;
		for (int i = 0; i < VALUES; i++) {
			Object value = generateContainer(0);
			HashValue128 hash = hash(value);

			if (valueByHash.containsKey(hash)) {
				assertThat(valueByHash.get(hash)).as("value sharing the hash of %s", value).isEqualTo(value);
			}
			else {
				valueByHash.put(hash, value);
			}
			if (hashByValue.containsKey(value)) {
				repeatedValues++;
				assertThat(hashByValue.get(value)).as("hash of the equal value %s", value).isEqualTo(hash);
			}
			else {
				hashByValue.put(value, hash);
			}
			Object copy = copyReordered(value);
			assertThat(copy).isEqualTo(value);
			assertThat(hash(copy)).as("hash of a reordered copy of %s", value).isEqualTo(hash);
		}
		assertThat(repeatedValues).as("equal values generated").isGreaterThan(3_000);
		assertThat(hashByValue.size()).as("distinct values generated").isGreaterThan(6_000);
		assertThat(valueByHash.size()).isEqualTo(hashByValue.size());
	}

	private Object generate(int depth) {
		if (depth < MAX_DEPTH && this.random.nextInt(17) >= 13) {
			return generateContainer(depth);
		}
		return switch (this.random.nextInt(13)) {
			case 0 -> null;
			case 1 -> this.random.nextInt(5) - 2;
			case 2 -> (long) (this.random.nextInt(5) - 2);
			case 3 -> (short) this.random.nextInt(3);
			case 4 -> (byte) this.random.nextInt(3);
			case 5 -> (char) ('a' + this.random.nextInt(3));
			case 6 -> this.random.nextBoolean();
			case 7 -> DOUBLES[this.random.nextInt(DOUBLES.length)];
			case 8 -> FLOATS[this.random.nextInt(FLOATS.length)];
			case 9, 10 -> randomString();
			case 11 -> new BigDecimal(DECIMALS[this.random.nextInt(DECIMALS.length)]);
			default -> BigInteger.valueOf(this.random.nextInt(3)).shiftLeft(this.random.nextBoolean() ? 0 : 70);
		};
	}

	private Object generateContainer(int depth) {
		return switch (this.random.nextInt(4)) {
			case 0 -> fill(new ArrayList<>(), depth);
			case 1 -> fill(new HashSet<>(), depth);
			case 2 -> randomMap(depth);
			default -> new Pair(generate(depth + 1), generate(depth + 1));
		};
	}

	private String randomString() {
		StringBuilder text = new StringBuilder();
		int length = this.random.nextInt(4);
		for (int i = 0; i < length; i++) {
			text.append("ab1".charAt(this.random.nextInt(3)));
		}
		return text.toString();
	}

	private <C extends Collection<Object>> C fill(C collection, int depth) {
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			collection.add(generate(depth + 1));
		}
		return collection;
	}

	private Map<Object, Object> randomMap(int depth) {
		Map<Object, Object> map = new HashMap<>();
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			map.put(generate(depth + 1), generate(depth + 1));
		}
		return map;
	}

	/** An equal value made of other classes, with sets and maps filled in another order. */
	private Object copyReordered(Object value) {
		if (value instanceof List<?> list) {
			List<Object> copy = new LinkedList<>();
			list.forEach((element) -> copy.add(copyReordered(element)));
			return copy;
		}
		if (value instanceof Set<?> set) {
			List<Object> elements = new ArrayList<>();
			set.forEach((element) -> elements.add(copyReordered(element)));
			Collections.shuffle(elements, this.random);
			return new LinkedHashSet<>(elements);
		}
		if (value instanceof Map<?, ?> map) {
			List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
			Collections.shuffle(entries, this.random);
			Map<Object, Object> copy = new LinkedHashMap<>();
			entries.forEach((entry) -> copy.put(copyReordered(entry.getKey()), copyReordered(entry.getValue())));
			return copy;
		}
		if (value instanceof Pair pair) {
			return new Pair(copyReordered(pair.first()), copyReordered(pair.second()));
		}
		if (value instanceof String text) {
			return new String(text.toCharArray());
		}
		if (value instanceof BigDecimal decimal) {
			return new BigDecimal(decimal.unscaledValue(), decimal.scale());
		}
		return value;
	}

	private HashValue128 hash(Object value) throws UnsupportedArgumentException {
		ArgumentDigest digest = this.hasher.newDigest();
		digest.putValue(value);
		return digest.finish();
	}

	record Pair(Object first, Object second) {
	}

}
