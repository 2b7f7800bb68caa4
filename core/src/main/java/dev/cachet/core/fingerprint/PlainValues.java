package dev.cachet.core.fingerprint;

import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Values that are data rather than wiring, how containers hold them, and how a configuration value
 * enters a fingerprint: as a hash of its text, collections in a stable order.
 */
final class PlainValues {

	private static final List<Class<?>> PLAIN = List.of(CharSequence.class, Number.class, Boolean.class,
			Character.class, Enum.class, TemporalAccessor.class, TemporalAmount.class, ZoneId.class, TimeZone.class,
			UUID.class, Class.class, Charset.class, Locale.class, Currency.class, URI.class, URL.class, Pattern.class,
			File.class, Path.class, InetAddress.class, DataSize.class);

	private PlainValues() {
	}

	/** A value whose meaning is its content: a string, a number, a time, an array of primitives. */
	static boolean isPlain(Object value) {
		Class<?> type = value.getClass();
		if (type.isArray()) {
			return type.getComponentType().isPrimitive();
		}
		for (Class<?> plain : PLAIN) {
			if (plain.isInstance(value)) {
				return true;
			}
		}
		return false;
	}

	/** The elements of a collection, map (keys and values), object array or optional. */
	static Optional<Iterable<?>> elements(Object value) {
		if (value instanceof Collection<?> collection) {
			return Optional.of(collection);
		}
		if (value instanceof Map<?, ?> map) {
			List<Object> entries = new ArrayList<>(map.keySet());
			entries.addAll(map.values());
			return Optional.of(entries);
		}
		if (value instanceof Object[] array) {
			return Optional.of(Arrays.asList(array));
		}
		if (value instanceof Optional<?> optional) {
			return Optional.of(optional.stream().toList());
		}
		return Optional.empty();
	}

	/** A short hash of the value's text: shows that a value changed, never what it is. */
	static String hash(@Nullable Object value) {
		return Hash128.of(Hash128.newStream().putString(text(value))).hex().substring(0, 16);
	}

	private static String text(@Nullable Object value) {
		if (value instanceof Set<?> set) {
			return set.stream().map(PlainValues::text).sorted().collect(Collectors.joining(",", "{", "}"));
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map(PlainValues::text).collect(Collectors.joining(",", "[", "]"));
		}
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.map((entry) -> text(entry.getKey()) + "=" + text(entry.getValue()))
				.sorted()
				.collect(Collectors.joining(",", "{", "}"));
		}
		if (value instanceof Object[] array) {
			return text(Arrays.asList(array));
		}
		if (value != null && value.getClass().isArray()) {
			return Arrays.deepToString(new Object[] { value });
		}
		return String.valueOf(value);
	}

	/** {@code maxRetries} as a property name spells it: {@code max-retries}. */
	static String kebab(String fieldName) {
		StringBuilder name = new StringBuilder(fieldName.length() + 4);
		for (char c : fieldName.toCharArray()) {
			if (Character.isUpperCase(c)) {
				name.append('-').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString();
	}

}
