package dev.cachet.core.hash;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.dynatrace.hash4j.hashing.HashValue128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cachet.core.hash.SampleArguments.Point;
import dev.cachet.core.hash.SampleArguments.Status;
import dev.cachet.core.hash.SampleArguments.Vessel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CanonicalArgumentHasherTests {

	private final CanonicalArgumentHasher hasher = new CanonicalArgumentHasher(List.of());

	@Test
	void valuesOfDifferentTypesWithTheSameTextDiffer() throws Exception {
		List<Object> ones = List.of(1, 1L, "1", (short) 1, (byte) 1, '1', 1.0, 1.0f, BigInteger.ONE, BigDecimal.ONE,
				true, List.of(1), new int[] { 1 }, new long[] { 1 }, Optional.of(1), OptionalInt.of(1));
		assertThat(hashesOf(ones)).doesNotHaveDuplicates();
	}

	@Test
	void emptyContainersDiffer() throws Exception {
		List<Object> empties = Arrays.asList(List.of(), Map.of(), Set.of(), new Object[0], new String[0], new int[0],
				new byte[0], new ArrayDeque<>(), Optional.empty(), OptionalInt.empty(), "", null);
		assertThat(hashesOf(empties)).doesNotHaveDuplicates();
	}

	@Test
	void listAndSetWithTheSameElementsDiffer() throws Exception {
		assertThat(hash(List.of("a", "b"))).isNotEqualTo(hash(new LinkedHashSet<>(List.of("a", "b"))));
		assertThat(hash(List.of("a"))).isNotEqualTo(hash(new TreeSet<>(List.of("a"))));
	}

	@Test
	void argumentsSplitDifferentlyDiffer() throws Exception {
		assertThat(hash("ab", "c")).isNotEqualTo(hash("a", "bc"));
		assertThat(hash(List.of("ab"), "c")).isNotEqualTo(hash(List.of("a"), "bc"));
		assertThat(hash(List.of(1, 2), List.of())).isNotEqualTo(hash(List.of(1), List.of(2)));
		assertThat(hash((Object) null)).isNotEqualTo(hash());
	}

	@Test
	void deepListsDifferingOnlyAtTheDeepestLevelDiffer() throws Exception {
		assertThat(hash(nestedLists(50, "x"))).isNotEqualTo(hash(nestedLists(50, "y")))
			.isEqualTo(hash(nestedLists(50, "x")));
	}

	@Test
	void deepRecordsDifferingOnlyAtTheDeepestLevelDiffer() throws Exception {
		assertThat(hash(chain(50, 1))).isNotEqualTo(hash(chain(50, 2))).isEqualTo(hash(chain(50, 1)));
	}

	@Test
	void bigDecimalKeepsItsScale() throws Exception {
		assertThat(hash(new BigDecimal("1.0"))).isNotEqualTo(hash(new BigDecimal("1.00")))
			.isEqualTo(hash(new BigDecimal("1.0")));
		assertThat(hash(new BigDecimal("123456789012345678901234567890.5")))
			.isNotEqualTo(hash(new BigDecimal("123456789012345678901234567890.6")));
	}

	@Test
	void hashMapHashIsIndependentOfInsertionOrderAndCapacity() throws Exception {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			keys.add("k" + i);
		}
		Map<String, Integer> forward = fill(new HashMap<>(), keys);
		Collections.reverse(keys);
		Map<String, Integer> backward = fill(new HashMap<>(4096), keys);
		Map<String, Integer> linked = fill(new LinkedHashMap<>(), keys);
		assertThat(List.copyOf(forward.keySet())).as("iteration orders differ")
			.isNotEqualTo(List.copyOf(backward.keySet()))
			.isNotEqualTo(List.copyOf(linked.keySet()));

		assertThat(hash(forward)).isEqualTo(hash(backward))
			.isEqualTo(hash(linked))
			.isEqualTo(hash(new TreeMap<>(forward)));
		forward.put("k0", -1);
		assertThat(hash(forward)).isNotEqualTo(hash(backward));
	}

	@Test
	void equalCollectionsOfDifferentImplementationsHashEqually() throws Exception {
		assertThat(hash(List.of(1, 2))).isEqualTo(hash(new LinkedList<>(List.of(1, 2))))
			.isEqualTo(hash(Arrays.asList(1, 2)))
			.isNotEqualTo(hash(List.of(2, 1)));
		assertThat(hash(Set.of("a", "b", "c"))).isEqualTo(hash(new TreeSet<>(Set.of("c", "b", "a"))));
		assertThat(hash(Map.entry("a", 1))).isEqualTo(hash(new HashMap<>(Map.of("a", 1)).entrySet().iterator().next()));
	}

	@Test
	void doublesFollowDoubleEquals() throws Exception {
		assertThat(hash(-0.0)).isNotEqualTo(hash(0.0));
		assertThat(hash(Double.NaN)).isEqualTo(hash(Double.longBitsToDouble(0x7ff8_0000_0000_0001L)));
		assertThat(hash(Float.NaN)).isEqualTo(hash(Float.intBitsToFloat(0x7fc0_0001)));
		assertThat(hash(new double[] { Double.NaN })).isEqualTo(hash(new double[] { -Double.NaN }));
		assertThat(hash(new double[] { -0.0 })).isNotEqualTo(hash(new double[] { 0.0 }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("supportedValues")
	void supportedTypesHashEqualCopiesEquallyAndOtherValuesDifferently(String type, Object value, Object equalCopy,
			Object other) throws Exception {
		assertThat(hash(equalCopy)).isEqualTo(hash(value));
		assertThat(hash(other)).isNotEqualTo(hash(value));
	}

	static Stream<Arguments> supportedValues() throws Exception {
		return Stream.of(
				Arguments.of("String", "abc", new String("abc"), "abd"),
				Arguments.of("StringBuilder", new StringBuilder("abc"), new StringBuilder("abc"),
						new StringBuilder("ab")),
				Arguments.of("Character", 'a', Character.valueOf('a'), 'b'),
				Arguments.of("BigInteger", new BigInteger("1" + "0".repeat(40)), new BigInteger("1" + "0".repeat(40)),
						new BigInteger("1" + "0".repeat(39))),
				Arguments.of("UUID", new UUID(1, 2), new UUID(1, 2), new UUID(2, 1)),
				Arguments.of("enum", Status.ACTIVE, Status.valueOf("ACTIVE"), Status.DOCKED),
				Arguments.of("Month", Month.MAY, Month.of(5), Month.JUNE),
				Arguments.of("DayOfWeek", DayOfWeek.MONDAY, DayOfWeek.of(1), DayOfWeek.SUNDAY),
				Arguments.of("Class", String.class, Class.forName("java.lang.String"), Integer.class),
				Arguments.of("Locale", Locale.forLanguageTag("en-US"),
						new Locale.Builder().setLanguage("en").setRegion("US").build(), Locale.forLanguageTag("en-GB")),
				Arguments.of("Locale with extension", Locale.forLanguageTag("de-DE-u-co-phonebk"),
						Locale.forLanguageTag("de-DE-u-co-phonebk"), Locale.forLanguageTag("de-DE")),
				Arguments.of("Currency", Currency.getInstance("EUR"), Currency.getInstance(Locale.GERMANY),
						Currency.getInstance("NOK")),
				Arguments.of("URI", URI.create("https://example.org/a"), URI.create("https://example.org/a"),
						URI.create("https://example.org/b")),
				Arguments.of("URL", URI.create("https://example.org/a").toURL(),
						URI.create("https://example.org/a").toURL(), URI.create("https://example.org/a?b").toURL()),
				Arguments.of("File", new File("data/a.csv"), new File("data", "a.csv"), new File("data/b.csv")),
				Arguments.of("Path", Path.of("data/a.csv"), Path.of("data", "a.csv"), Path.of("data/b.csv")),
				Arguments.of("Date", new Date(1_000), new Date(1_000), new Date(1_001)),
				Arguments.of("Instant", Instant.ofEpochSecond(10, 1), Instant.ofEpochSecond(10, 1),
						Instant.ofEpochSecond(10, 2)),
				Arguments.of("LocalDate", LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 2), LocalDate.of(2026, 2, 1)),
				Arguments.of("LocalTime", LocalTime.of(1, 2), LocalTime.of(1, 2), LocalTime.of(2, 1)),
				Arguments.of("LocalDateTime", LocalDateTime.of(2026, 1, 2, 3, 4), LocalDateTime.of(2026, 1, 2, 3, 4),
						LocalDateTime.of(2026, 1, 2, 4, 3)),
				Arguments.of("OffsetDateTime", OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC),
						OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC),
						OffsetDateTime.of(2026, 1, 2, 4, 4, 0, 0, ZoneOffset.ofHours(1))),
				Arguments.of("OffsetTime", OffsetTime.of(3, 4, 0, 0, ZoneOffset.UTC),
						OffsetTime.of(3, 4, 0, 0, ZoneOffset.UTC),
						OffsetTime.of(3, 4, 0, 0, ZoneOffset.ofHours(1))),
				Arguments.of("ZonedDateTime", ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneId.of("Europe/Oslo")),
						ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneId.of("Europe/Oslo")),
						ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneId.of("Europe/Berlin"))),
				Arguments.of("ZoneId", ZoneId.of("Europe/Oslo"), ZoneId.of("Europe/Oslo"), ZoneId.of("UTC")),
				Arguments.of("ZoneOffset", ZoneOffset.UTC, ZoneOffset.ofHours(0), ZoneId.of("UTC")),
				Arguments.of("Duration", Duration.ofSeconds(1), Duration.ofMillis(1_000), Duration.ofSeconds(1, 1)),
				Arguments.of("Period", Period.of(1, 0, 0), Period.ofYears(1), Period.ofMonths(12)),
				Arguments.of("Year", Year.of(2026), Year.of(2026), Year.of(2027)),
				Arguments.of("YearMonth", YearMonth.of(2026, 1), YearMonth.of(2026, 1), YearMonth.of(2026, 2)),
				Arguments.of("MonthDay", MonthDay.of(1, 2), MonthDay.of(1, 2), MonthDay.of(2, 1)),
				Arguments.of("Optional", Optional.of("a"), Optional.of("a"), Optional.of("b")),
				Arguments.of("OptionalLong", OptionalLong.of(1), OptionalLong.of(1), OptionalLong.empty()),
				Arguments.of("OptionalDouble", OptionalDouble.of(0.0), OptionalDouble.of(0.0), OptionalDouble.of(-0.0)),
				Arguments.of("Object[]", new Object[] { 1, "a" }, new Object[] { 1, "a" }, new Object[] { "a", 1 }),
				Arguments.of("Integer[] vs Object[]", new Integer[] { 1 }, new Integer[] { 1 }, new Object[] { 1 }),
				Arguments.of("boolean[]", new boolean[] { true }, new boolean[] { true }, new boolean[] { false }),
				Arguments.of("char[]", new char[] { 'a' }, new char[] { 'a' }, new char[] { 'b' }),
				Arguments.of("short[]", new short[] { 1 }, new short[] { 1 }, new short[] { 2 }),
				Arguments.of("float[]", new float[] { 1f }, new float[] { 1f }, new float[] { -1f }),
				Arguments.of("deque", new ArrayDeque<>(List.of(1, 2)), new ArrayDeque<>(List.of(1, 2)),
						new ArrayDeque<>(List.of(2, 1))),
				Arguments.of("record", new Point(1, 2), new Point(1, 2), new Point(2, 1)),
				Arguments.of("bean", new Vessel("Acme", "Nordlys", 1.5, Status.LOST),
						new Vessel("Acme", "Nordlys", 1.5, Status.LOST),
						new Vessel("Acme", "Nordlys", 1.5, Status.DOCKED)),
				Arguments.of("bean superclass field", new Vessel("Acme", "Nordlys", 1.5, Status.LOST),
						new Vessel("Acme", "Nordlys", 1.5, Status.LOST),
						new Vessel("Other", "Nordlys", 1.5, Status.LOST)));
	}

	@Test
	void transientFieldsAreLeftOut() throws Exception {
		Vessel vessel = new Vessel("Acme", "Nordlys", 1.5, Status.LOST);
		Vessel sameWithCache = new Vessel("Acme", "Nordlys", 1.5, Status.LOST);
		sameWithCache.cacheHash(42);
		assertThat(hash(sameWithCache)).isEqualTo(hash(vessel));
	}

	@Test
	void fieldsAddedToACollectionSubclassCount() throws Exception {
		assertThat(hash(new Route("north", List.of(new Point(1, 1))))).isNotEqualTo(
				hash(new Route("south", List.of(new Point(1, 1)))))
			.isEqualTo(hash(new Route("north", List.of(new Point(1, 1)))));
		assertThat(hash(new Route("north", List.of(new Point(1, 1)))))
			.isNotEqualTo(hash(new Route("north", List.of(new Point(1, 2)))));
	}

	@Test
	void recordsOfDifferentClassesWithEqualComponentsDiffer() throws Exception {
		assertThat(hash(new Point(1, 2))).isNotEqualTo(hash(new OtherPoint(1, 2)))
			.isNotEqualTo(hash(new PlainPoint(1, 2)));
	}

	@Test
	void streamsLambdasAndStatelessObjectsFailClosed() {
		assertUnsupported(new ByteArrayInputStream(new byte[0]), "java.io.InputStream");
		Supplier<String> lambda = () -> "x";
		assertUnsupported(lambda, "lambda");
		assertUnsupported(new Stateless(), "no state");
		assertUnsupported(Stream.of(1), "java.util.stream.BaseStream");
		assertUnsupported(List.of(1).iterator(), "java.util.Iterator");
		assertUnsupported(new OnlyIterable(), "not a Collection");
		assertUnsupported(Thread.currentThread(), "java.lang.Thread");
		assertUnsupported(new Object(), "JDK type");
		assertUnsupported(new AtomicInteger(1), "JDK type");
		assertUnsupported(new Object() {
			final int state = 1;
		}, "anonymous");
		assertUnsupported(List.of(new Point(1, 1), Map.of("nested", new ByteArrayInputStream(new byte[0]))),
				"java.io.InputStream");
	}

	@Test
	void executorFailsClosed() {
		var executor = Executors.newSingleThreadExecutor();
		try {
			assertUnsupported(executor, "java.util.concurrent.Executor");
		}
		finally {
			executor.shutdown();
		}
	}

	@Test
	void cyclesFailClosed() {
		List<Object> list = new ArrayList<>();
		list.add(list);
		assertUnsupported(list, "cycle");
		Link first = new Link();
		first.next = new Link();
		first.next.next = first;
		assertUnsupported(first, "cycle");
		Map<String, Object> map = new HashMap<>();
		map.put("self", List.of(map));
		assertUnsupported(map, "cycle");
	}

	@Test
	void sharedButAcyclicReferencesAreFine() throws Exception {
		Point shared = new Point(1, 1);
		assertThat(hash(List.of(shared, shared))).isEqualTo(hash(List.of(new Point(1, 1), new Point(1, 1))));
	}

	@Test
	void nestingDeeperThanTheLimitFailsClosed() throws Exception {
		assertThatNoException().isThrownBy(() -> hash(nestedLists(StreamingArgumentDigest.MAX_DEPTH, "x")));
		assertUnsupported(nestedLists(StreamingArgumentDigest.MAX_DEPTH + 1, "x"), "deeper than 1000");
	}

	@Test
	void customHasherMakesAnUnsupportedTypeHashableAndIsUsed() throws Exception {
		List<Integer> seen = new ArrayList<>();
		ArgumentHasher<AtomicInteger> atomic = new ArgumentHasher<>() {

			@Override
			public Class<AtomicInteger> type() {
				return AtomicInteger.class;
			}

			@Override
			public void hash(AtomicInteger value, ArgumentSink sink) {
				seen.add(value.get());
				sink.putInt(value.get());
			}

		};
		CanonicalArgumentHasher custom = new CanonicalArgumentHasher(List.of(atomic));

		assertThat(hash(custom, new AtomicInteger(7))).isEqualTo(hash(custom, new AtomicInteger(7)))
			.isNotEqualTo(hash(custom, new AtomicInteger(8)))
			.isNotEqualTo(hash(custom, 7));
		assertThat(seen).containsExactly(7, 7, 8);
	}

	@Test
	void customHasherWinsOverBuiltInsAndMayRecurse() throws Exception {
		ArgumentHasher<Point> byXOnly = new ArgumentHasher<>() {

			@Override
			public Class<Point> type() {
				return Point.class;
			}

			@Override
			public void hash(Point value, ArgumentSink sink) throws UnsupportedArgumentException {
				sink.putValue(List.of(value.x()));
			}

		};
		CanonicalArgumentHasher custom = new CanonicalArgumentHasher(List.of(byXOnly));
		assertThat(hash(custom, new Point(1, 2))).isEqualTo(hash(custom, new Point(1, 3)))
			.isNotEqualTo(hash(new Point(1, 2)))
			.isNotEqualTo(hash(custom, List.of(1)));
	}

	@Test
	void customHasherFailuresFailClosed() {
		ArgumentHasher<Point> broken = new ArgumentHasher<>() {

			@Override
			public Class<Point> type() {
				return Point.class;
			}

			@Override
			public void hash(Point value, ArgumentSink sink) {
				throw new IllegalStateException("boom");
			}

		};
		CanonicalArgumentHasher custom = new CanonicalArgumentHasher(List.of(broken));
		assertThatExceptionOfType(UnsupportedArgumentException.class).isThrownBy(() -> hash(custom, new Point(1, 1)))
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void customHasherOutputIsFramed() throws Exception {
		ArgumentHasher<Wrapper> variable = new ArgumentHasher<>() {

			@Override
			public Class<Wrapper> type() {
				return Wrapper.class;
			}

			@Override
			public void hash(Wrapper value, ArgumentSink sink) throws UnsupportedArgumentException {
				for (Object part : value.parts()) {
					sink.putValue(part);
				}
			}

		};
		CanonicalArgumentHasher custom = new CanonicalArgumentHasher(List.of(variable));
		assertThat(hash(custom, new Wrapper(List.of(new Wrapper(List.of("a")), "b"))))
			.isNotEqualTo(hash(custom, new Wrapper(List.of(new Wrapper(List.of("a", "b"))))));
	}

	@Test
	void sinkPrimitivesMatchBoxedValues() throws Exception {
		ArgumentDigest digest = this.hasher.newDigest();
		digest.putInt(1).putLong(2L).putDouble(3.0).putBoolean(true).putString("s").putBytes(new byte[] { 4 });
		assertThat(digest.finish()).isEqualTo(hash(1, 2L, 3.0, true, "s", new byte[] { 4 }));
	}

	@Test
	void unsupportedReasonNamesTypesThatCanNeverBeHashed() {
		assertThat(this.hasher.unsupportedReason(InputStream.class)).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("java.io.InputStream"));
		assertThat(this.hasher.unsupportedReason(ByteArrayInputStream.class)).isPresent();
		assertThat(this.hasher.unsupportedReason(Iterator.class)).isPresent();
		assertThat(this.hasher.unsupportedReason(Stream.class)).isPresent();
		assertThat(this.hasher.unsupportedReason(Connection.class)).isPresent();
		assertThat(this.hasher.unsupportedReason(Thread.class)).isPresent();
		assertThat(this.hasher.unsupportedReason(String.class)).isEmpty();
		assertThat(this.hasher.unsupportedReason(Object.class)).isEmpty();
		assertThat(this.hasher.unsupportedReason(Iterable.class)).isEmpty();
		assertThat(this.hasher.unsupportedReason(List.class)).isEmpty();
	}

	@Test
	void unsupportedReasonIsEmptyWhenACustomHasherCoversTheType() {
		ArgumentHasher<InputStream> streams = new ArgumentHasher<>() {

			@Override
			public Class<InputStream> type() {
				return InputStream.class;
			}

			@Override
			public void hash(InputStream value, ArgumentSink sink) {
				sink.putString(value.getClass().getName());
			}

		};
		CanonicalArgumentHasher custom = new CanonicalArgumentHasher(List.of(streams));
		assertThat(custom.unsupportedReason(InputStream.class)).isEmpty();
		assertThat(custom.unsupportedReason(ByteArrayInputStream.class)).isEmpty();
		assertThatNoException().isThrownBy(() -> hash(custom, new ByteArrayInputStream(new byte[0])));
	}

	private void assertUnsupported(Object value, String reason) {
		assertThatExceptionOfType(UnsupportedArgumentException.class).isThrownBy(() -> hash(value))
			.withMessageContaining(reason);
	}

	private HashValue128 hash(Object... arguments) throws UnsupportedArgumentException {
		return hash(this.hasher, arguments);
	}

	private static HashValue128 hash(CanonicalArgumentHasher hasher, Object... arguments)
			throws UnsupportedArgumentException {
		ArgumentDigest digest = hasher.newDigest();
		for (Object argument : arguments) {
			digest.putValue(argument);
		}
		return digest.finish();
	}

	private List<HashValue128> hashesOf(List<Object> values) throws UnsupportedArgumentException {
		List<HashValue128> hashes = new ArrayList<>();
		for (Object value : values) {
			hashes.add(hash(value));
		}
		return hashes;
	}

	private static Object nestedLists(int depth, String leaf) {
		Object value = leaf;
		for (int i = 0; i < depth; i++) {
			value = List.of(value);
		}
		return value;
	}

	private static Node chain(int depth, int leaf) {
		Node node = new Node(null, leaf);
		for (int i = 1; i < depth; i++) {
			node = new Node(node, 0);
		}
		return node;
	}

	private static Map<String, Integer> fill(Map<String, Integer> map, List<String> keys) {
		for (String key : keys) {
			map.put(key, key.length());
		}
		return map;
	}

	record Node(Node child, int leaf) {
	}

	record OtherPoint(int x, int y) {
	}

	record Wrapper(List<Object> parts) {
	}

	static class PlainPoint {

		final int x;

		final int y;

		PlainPoint(int x, int y) {
			this.x = x;
			this.y = y;
		}

	}

	static class Route extends ArrayList<Point> {

		private final String name;

		Route(String name, List<Point> points) {
			super(points);
			this.name = name;
		}

	}

	static class Stateless {

		String greet() {
			return "hello";
		}

	}

	static class Link {

		Link next;

	}

	static class OnlyIterable implements Iterable<String> {

		private final List<String> items = List.of("a");

		@Override
		public Iterator<String> iterator() {
			return this.items.iterator();
		}

	}

}
