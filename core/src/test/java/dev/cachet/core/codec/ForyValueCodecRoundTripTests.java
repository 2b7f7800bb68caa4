package dev.cachet.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import dev.cachet.core.codec.fixtures.Checksummed;
import dev.cachet.core.codec.fixtures.Customer;
import dev.cachet.core.codec.fixtures.LegacyBean;
import dev.cachet.core.codec.fixtures.Money;
import dev.cachet.core.codec.fixtures.Order;
import dev.cachet.core.codec.fixtures.Status;
import dev.cachet.core.codec.fixtures.Vessel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ForyValueCodecRoundTripTests {

	private final ForyValueCodec codec = new ForyValueCodec(ClassAllowlist.of(List.of("dev.cachet.core.codec.fixtures")));

	static Stream<Arguments> values() {
		Order order = new Order(7, new Customer("Ada", "ada@example.com", new Customer.Address("1 Loop", "London", "GB")),
				List.of(new Order.Line("A-1", 2, new BigDecimal("9.99")), new Order.Line("B-2", 1, null)), Status.SHIPPED,
				Instant.parse("2026-01-02T03:04:05.123456789Z"), Map.of("gift", "yes"));
		LegacyBean parent = new LegacyBean();
		parent.setName("parent");
		LegacyBean child = new LegacyBean();
		child.setName("child");
		child.setCount(3);
		child.setParent(parent);
		TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
		reversed.putAll(Map.of("a", 1, "b", 2, "c", 3));
		EnumMap<Status, List<Money>> byStatus = new EnumMap<>(Status.class);
		byStatus.put(Status.OPEN, List.of(new Money(100, "EUR")));
		byStatus.put(Status.CANCELLED, new ArrayList<>());
		LinkedHashMap<String, Object> insertionOrdered = new LinkedHashMap<>();
		insertionOrdered.put("z", 1);
		insertionOrdered.put("a", List.of(order));
		insertionOrdered.put("m", null);
		return Stream.of(
				// JDK value types
				arguments("String", "héllo wörld ✓"), arguments("empty String", ""), arguments("Integer", 42),
				arguments("Long", Long.MIN_VALUE), arguments("Double", Math.PI), arguments("Float", 1.5f),
				arguments("Short", (short) 7), arguments("Byte", (byte) -1), arguments("Character", 'x'),
				arguments("Boolean", true), arguments("BigDecimal", new BigDecimal("12345678901234567890.000123")),
				arguments("BigInteger", new BigInteger("-98765432109876543210987654321")),
				arguments("UUID", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e")),
				arguments("Instant", Instant.parse("2026-11-22T10:15:30.5Z")),
				arguments("LocalDate", LocalDate.of(2026, 2, 28)), arguments("LocalTime", LocalTime.of(23, 59, 1)),
				arguments("LocalDateTime", LocalDateTime.of(2026, 1, 1, 0, 0)),
				arguments("ZonedDateTime", ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))),
				arguments("OffsetDateTime", OffsetDateTime.of(2026, 1, 1, 1, 1, 1, 1, ZoneOffset.ofHours(-5))),
				arguments("Duration", Duration.ofMillis(1234567)), arguments("Period", Period.of(1, 2, 3)),
				arguments("YearMonth", YearMonth.of(1999, 12)), arguments("Optional", Optional.of("present")),
				arguments("empty Optional", Optional.empty()), arguments("enum", Status.OPEN),
				// records, beans, Serializable
				arguments("record with nested records and collections", order),
				arguments("record with null fields", new Order(1, null, null, null, null, null)),
				arguments("bean without no-arg constructor", new Money(250, "USD")),
				arguments("bean with null fields and a nested bean", child),
				arguments("Serializable with writeObject/readObject", new Checksummed("custom")),
				// collections
				arguments("List.of()", List.of()), arguments("List.of(1)", List.of(1)),
				arguments("List.of(1, 2, 3)", List.of(1, 2, 3)), arguments("Set.of(1)", Set.of(1)),
				arguments("Set.of(a, b, c)", Set.of("a", "b", "c")), arguments("Map.of()", Map.of()),
				arguments("Map.of(k, v)", Map.of("k", 1L)),
				arguments("Map.of(3 entries)", Map.of("a", Status.OPEN, "b", Status.SHIPPED, "c", Status.CANCELLED)),
				arguments("Map.ofEntries", Map.ofEntries(Map.entry(1, "one"), Map.entry(2, "two"))),
				arguments("List.copyOf", List.copyOf(new ArrayList<>(List.of("x", "y")))),
				arguments("unmodifiableList", Collections.unmodifiableList(new ArrayList<>(List.of(1, 2)))),
				arguments("unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of("k", "v")))),
				arguments("unmodifiableSet", Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2)))),
				arguments("unmodifiableSortedMap", Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(1, 2)))),
				arguments("synchronizedList", Collections.synchronizedList(new ArrayList<>(List.of("s")))),
				arguments("synchronizedMap", Collections.synchronizedMap(new HashMap<>(Map.of("k", 1)))),
				arguments("emptyList", Collections.emptyList()),
				arguments("singletonMap", Collections.singletonMap("k", "v")),
				arguments("Arrays.asList", Arrays.asList("a", null, "c")),
				arguments("ArrayList with null", new ArrayList<>(Arrays.asList(1, null, 3))),
				arguments("LinkedList", new LinkedList<>(List.of(order))),
				arguments("HashMap", new HashMap<>(Map.of(UUID.randomUUID(), LocalDate.of(2000, 1, 1)))),
				arguments("LinkedHashMap with null value", insertionOrdered),
				arguments("TreeMap with a comparator", reversed), arguments("TreeSet", new TreeSet<>(Set.of(3, 1, 2))),
				arguments("EnumMap", byStatus), arguments("int[]", new int[] { 1, 2, 3 }),
				arguments("String[]", new String[] { "a", null }), arguments("record[]", new Vessel[] { null }),
				arguments("long[][]", new long[][] { { 1 }, { 2, 3 } }),
				arguments("list of 1,000 vessels", Vessel.sample(1000)));
	}

	private static Arguments arguments(String name, Object value) {
		return Arguments.of(name, value);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("values")
	void roundTripIsEqual(String name, Object value) throws CodecException {
		Object decoded = roundTrip(value);
		assertThat(decoded).isEqualTo(value);
		assertThat(decoded).hasSameClassAs(value);
	}

	@Test
	void linkedHashMapKeepsInsertionOrder() throws CodecException {
		LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
		map.put("z", 1);
		map.put("a", 2);
		map.put("m", 3);
		assertThat(new ArrayList<Object>(((Map<?, ?>) roundTrip(map)).keySet())).containsExactly("z", "a", "m");
	}

	@Test
	void treeMapKeepsItsComparator() throws CodecException {
		TreeMap<String, Integer> map = new TreeMap<>(Comparator.reverseOrder());
		map.put("a", 1);
		map.put("b", 2);
		@SuppressWarnings("unchecked")
		TreeMap<String, Integer> decoded = (TreeMap<String, Integer>) roundTrip(map);
		decoded.put("c", 3);
		assertThat(decoded.keySet()).containsExactly("c", "b", "a");
	}

	@Test
	void readObjectRebuildsTransientState() throws CodecException {
		assertThat(((Checksummed) roundTrip(new Checksummed("four"))).length()).isEqualTo(4);
	}

	@Test
	void sharedReferencesStayShared() throws CodecException {
		Money shared = new Money(1, "EUR");
		List<?> decoded = (List<?>) roundTrip(new ArrayList<>(List.of(shared, shared)));
		assertThat(decoded.get(0)).isSameAs(decoded.get(1));
	}

	@Test
	void cyclesRoundTrip() throws CodecException {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add("head");
		cyclic.add(cyclic);
		List<?> decoded = (List<?>) roundTrip(cyclic);
		assertThat(decoded.get(0)).isEqualTo("head");
		assertThat(decoded.get(1)).isSameAs(decoded);
	}

	@Test
	void decodesFromAnOffset() throws CodecException {
		byte[] encoded = this.codec.encode(List.of("offset"));
		byte[] padded = new byte[encoded.length + 10];
		System.arraycopy(encoded, 0, padded, 7, encoded.length);
		assertThat(this.codec.decode(padded, 7, encoded.length)).isEqualTo(List.of("offset"));
	}

	@Test
	void isSafeUnderConcurrency() throws Exception {
		List<Vessel> vessels = Vessel.sample(50);
		List<Thread> threads = new ArrayList<>();
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		for (int t = 0; t < 8; t++) {
			Thread thread = new Thread(() -> {
				try {
					for (int i = 0; i < 200; i++) {
						assertThat(roundTrip(vessels)).isEqualTo(vessels);
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void idIsStable() {
		assertThat(this.codec.id()).isEqualTo("fory-1");
	}

	private Object roundTrip(Object value) throws CodecException {
		byte[] encoded = this.codec.encode(value);
		return this.codec.decode(encoded, 0, encoded.length);
	}

}
