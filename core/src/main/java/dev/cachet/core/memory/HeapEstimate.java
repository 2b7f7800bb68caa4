package dev.cachet.core.memory;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * of. Collections, maps and arrays of more than {@value #SAMPLE_ABOVE} elements are weighed from an
 * even sample of about 128 elements (see {@link #sampled}): elements of one shape, as results are,
 * come out within a few percent; a few huge elements among many small ones may be missed.
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

	/** Containers with more elements than this are weighed from a sample of them. */
	static final int SAMPLE_ABOVE = 1024;

	private static final int SAMPLE = 128;

	private final Map<Object, Boolean> seen = new IdentityHashMap<>();

	private Deque<Object> pending = new ArrayDeque<>();

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

	/** What {@code element} adds to the objects counted so far, walked apart from the walk in progress. */
	private long walkApart(Object element) {
		Deque<Object> outer = this.pending;
		this.pending = new ArrayDeque<>();
		try {
			return walk(element);
		}
		finally {
			this.pending = outer;
		}
	}

	/**
	 * The elements of a large container from a sample: the first sampled element counts in full
	 * (objects every element shares, such as a common reference table, are counted once, there), the
	 * others' mean is taken for every remaining element. Weighing 100,000 rows this way costs about
	 * what weighing 128 does.
	 */
	private long sampled(List<Object> sample, long elements) {
		long first = walkApart(sample.get(0));
		long others = 0;
		for (int i = 1; i < sample.size(); i++) {
			others += walkApart(sample.get(i));
		}
		return first + ((sample.size() > 1) ? others * (elements - 1) / (sample.size() - 1) : 0);
	}

	/** Every {@code stride}-th element, about {@value #SAMPLE} of them. */
	private static List<Object> sampleOf(Iterable<?> elements, int size) {
		int stride = Math.max(1, size / SAMPLE);
		List<Object> sample = new ArrayList<>(SAMPLE + 1);
		int index = 0;
		for (Object element : elements) {
			if (index++ % stride == 0 && element != null) {
				sample.add(element);
			}
		}
		return sample;
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
		long self = align(ARRAY_HEADER + (long) length * REFERENCE);
		if (length > SAMPLE_ABOVE) {
			List<Object> sample = sampleOf(Arrays.asList((Object[]) array), length);
			return self + (sample.isEmpty() ? 0 : sampled(sample, length));
		}
		for (Object element : (Object[]) array) {
			push(element);
		}
		return self;
	}

	/** A JDK object whose fields are closed: its elements, and the structure a collection of its kind keeps. */
	private long throughPublicFace(Object object) {
		if (object instanceof Map<?, ?> map) {
			long self = structure(object.getClass().getName(), map.size(), 2);
			if (map.size() > SAMPLE_ABOVE) {
				List<Object> sample = sampleOf(map.entrySet(), map.size()).stream()
					.map(entry -> (Object) new Object[] { ((Map.Entry<?, ?>) entry).getKey(), ((Map.Entry<?, ?>) entry).getValue() })
					.toList();
				// each sampled pair is weighed as a two-element array: take that array back out
				return self + (sample.isEmpty() ? 0
						: sampled(sample, map.size()) - (long) map.size() * align(ARRAY_HEADER + 2L * REFERENCE));
			}
			map.forEach((key, value) -> {
				push(key);
				push(value);
			});
			return self;
		}
		if (object instanceof Collection<?> collection) {
			long self = structure(object.getClass().getName(), collection.size(), 1);
			if (collection.size() > SAMPLE_ABOVE) {
				List<Object> sample = sampleOf(collection, collection.size());
				return self + (sample.isEmpty() ? 0 : sampled(sample, collection.size()));
			}
			collection.forEach(this::push);
			return self;
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
