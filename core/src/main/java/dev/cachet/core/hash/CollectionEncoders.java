package dev.cachet.core.hash;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Encoders for collections, maps and optionals, by content as their {@code equals} contracts say,
 * whatever the implementation class: a {@code List} in order; a {@code Set} and a {@code Map}
 * independent of iteration order (each element or entry hashed on its own, the hashes sorted), so
 * {@code Set.of} and {@code HashMap} hash alike in every JVM run. A {@code SortedSet} is a set like
 * any other. Other collections (queues, deques) are hashed in iteration order, under a tag of their
 * own. A collection or map class outside the JDK that adds fields (a named list of points) also
 * contributes those fields, after its content.
 *
 * <p>A method whose result depends on the iteration order of a set or map it receives (joining a
 * {@code HashSet} into a string) gets one key for equal sets iterated in different orders.
 */
final class CollectionEncoders {

	private CollectionEncoders() {
	}

	/** The encoder for {@code type}, or {@code null} if it is not a collection, map or optional. */
	static ValueEncoder find(Class<?> type) {
		if (List.class.isAssignableFrom(type)) {
			return (value, digest) -> digest.putOrdered(TypeTag.LIST, value, (List<?>) value);
		}
		if (Set.class.isAssignableFrom(type)) {
			return (value, digest) -> digest.putUnordered(TypeTag.SET, value, (Set<?>) value);
		}
		if (Collection.class.isAssignableFrom(type)) {
			return (value, digest) -> digest.putOrdered(TypeTag.SEQUENCE, value, (Collection<?>) value);
		}
		if (Map.class.isAssignableFrom(type)) {
			return (value, digest) -> digest.putUnordered(TypeTag.MAP, value, ((Map<?, ?>) value).entrySet());
		}
		if (Map.Entry.class.isAssignableFrom(type)) {
			return CollectionEncoders::encodeEntry;
		}
		if (type == Optional.class) {
			return CollectionEncoders::encodeOptional;
		}
		if (type == OptionalInt.class) {
			return (value, digest) -> {
				OptionalInt optional = (OptionalInt) value;
				digest.out(TypeTag.OPTIONAL_INT).putBoolean(optional.isPresent()).putInt(optional.orElse(0));
			};
		}
		if (type == OptionalLong.class) {
			return (value, digest) -> {
				OptionalLong optional = (OptionalLong) value;
				digest.out(TypeTag.OPTIONAL_LONG).putBoolean(optional.isPresent()).putLong(optional.orElse(0));
			};
		}
		if (type == OptionalDouble.class) {
			return (value, digest) -> {
				OptionalDouble optional = (OptionalDouble) value;
				digest.out(TypeTag.OPTIONAL_DOUBLE)
					.putBoolean(optional.isPresent())
					.putLong(Double.doubleToLongBits(optional.orElse(0)));
			};
		}
		return null;
	}

	private static void encodeEntry(Object value, StreamingArgumentDigest digest) throws UnsupportedArgumentException {
		Map.Entry<?, ?> entry = (Map.Entry<?, ?>) value;
		digest.enter(entry);
		try {
			digest.out(TypeTag.MAP_ENTRY);
			digest.putValue(entry.getKey());
			digest.putValue(entry.getValue());
		}
		finally {
			digest.exit();
		}
	}

	private static void encodeOptional(Object value, StreamingArgumentDigest digest)
			throws UnsupportedArgumentException {
		Optional<?> optional = (Optional<?>) value;
		digest.enter(optional);
		try {
			digest.out(TypeTag.OPTIONAL).putBoolean(optional.isPresent());
			if (optional.isPresent()) {
				digest.putValue(optional.get());
			}
		}
		finally {
			digest.exit();
		}
	}

}
