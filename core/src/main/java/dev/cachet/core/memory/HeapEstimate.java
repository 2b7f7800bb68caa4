package dev.cachet.core.memory;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An estimate of the heap an object graph retains, for the memory tier's weight: object headers,
 * fields and arrays as a 64-bit HotSpot lays them out with compressed class pointers (and compressed
 * references below a 32 GB heap), each object counted once. Application objects are walked through
 * their fields. JDK objects whose fields cannot be read (the JDK's modules are closed) count by
 * what their public face shows: a collection or map by its elements plus the usual node and table
 * overhead of its kind, a string by its characters; enums and classes count nothing (they are
 * shared). Good to within a few percent for the records, lists, maps and strings results are made
 * of.
 */
final class HeapEstimate {

	private static final int HEADER = 12;

	private static final int ARRAY_HEADER = 16;

	private static final int REFERENCE = (Runtime.getRuntime().maxMemory() < (32L << 30)) ? 4 : 8;

	private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {

		@Override
		protected Layout computeValue(Class<?> type) {
			return Layout.of(type);
		}

	};

	private final Map<Object, Boolean> seen = new IdentityHashMap<>();

	private final Deque<Object> pending = new ArrayDeque<>();

	private HeapEstimate() {
	}

	/** The estimated bytes {@code root} and everything it references retain. */
	static long of(Object root) {
		return new HeapEstimate().walk(root);
	}

	private long walk(Object root) {
		long total = 0;
		push(root);
		while (!this.pending.isEmpty()) {
			total += visit(this.pending.pop());
		}
		return total;
	}

	private void push(Object object) {
		if (object != null && this.seen.put(object, Boolean.TRUE) == null) {
			this.pending.push(object);
		}
	}

	private long visit(Object object) {
		Class<?> type = object.getClass();
		if (type.isArray()) {
			return array(object, type.getComponentType());
		}
		if (object instanceof String text) {
			return align(HEADER + REFERENCE + 4 + 1 + 1) + align(ARRAY_HEADER + (long) text.length() * (latin1(text) ? 1 : 2));
		}
		if (object instanceof Enum<?> || object instanceof Class<?>) {
			return 0;
		}
		Layout layout = LAYOUTS.get(type);
		if (layout.readable()) {
			for (Field field : layout.references()) {
				try {
					push(field.get(object));
				}
				catch (IllegalAccessException ex) {
					// counted shallow
				}
			}
			return layout.shallowSize();
		}
		return layout.shallowSize() + throughPublicFace(object);
	}

	private long array(Object array, Class<?> component) {
		int length = Array.getLength(array);
		if (component.isPrimitive()) {
			return align(ARRAY_HEADER + (long) length * primitiveSize(component));
		}
		for (Object element : (Object[]) array) {
			push(element);
		}
		return align(ARRAY_HEADER + (long) length * REFERENCE);
	}

	/** A JDK object whose fields are closed: its elements, and the structure a collection of its kind keeps. */
	private long throughPublicFace(Object object) {
		if (object instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				push(key);
				push(value);
			});
			return structure(object.getClass().getName(), map.size(), 2);
		}
		if (object instanceof Collection<?> collection) {
			collection.forEach(this::push);
			return structure(object.getClass().getName(), collection.size(), 1);
		}
		if (object instanceof Optional<?> optional) {
			optional.ifPresent(this::push);
		}
		return 0;
	}

	/** Nodes and tables of hashed and linked kinds; a reference array (with slack) for the others. */
	private static long structure(String kind, int size, int referencesPerElement) {
		if (kind.contains("Hash")) {
			long node = align(HEADER + 4 + 3L * REFERENCE + (kind.contains("Linked") ? 2L * REFERENCE : 0));
			long table = align(ARRAY_HEADER + (long) Integer.highestOneBit(Math.max(1, size * 4 / 3) * 2 - 1) * REFERENCE);
			return size * node + table;
		}
		if (kind.contains("Tree") || kind.contains("Linked") || kind.contains("SkipList")) {
			return size * align(HEADER + 4L * REFERENCE + 4);
		}
		return align(ARRAY_HEADER + (long) size * referencesPerElement * REFERENCE * 5 / 4);
	}

	private static boolean latin1(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0xFF) {
				return false;
			}
		}
		return true;
	}

	private static int primitiveSize(Class<?> type) {
		if (type == long.class || type == double.class) {
			return 8;
		}
		if (type == int.class || type == float.class) {
			return 4;
		}
		if (type == short.class || type == char.class) {
			return 2;
		}
		return 1;
	}

	private static long align(long size) {
		return (size + 7) & ~7L;
	}

	/**
	 * A class's instance size and the reference fields to follow, when they can be read.
	 */
	private record Layout(long shallowSize, List<Field> references, boolean readable) {

		static Layout of(Class<?> type) {
			long size = HEADER;
			List<Field> references = new ArrayList<>();
			boolean readable = true;
			for (Class<?> current = type; current != null; current = current.getSuperclass()) {
				for (Field field : current.getDeclaredFields()) {
					if (Modifier.isStatic(field.getModifiers())) {
						continue;
					}
					if (field.getType().isPrimitive()) {
						size += primitiveSize(field.getType());
						continue;
					}
					size += REFERENCE;
					if (readable && field.trySetAccessible()) {
						references.add(field);
					}
					else {
						readable = false;
					}
				}
			}
			return new Layout(align(size), List.copyOf(references), readable);
		}

	}

}
