package dev.cachet.core.codec;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.fory.Fory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares one Fory instance for values of given classes: creates each class's serializer, which is
 * where Fory generates and compiles its code (the generated classes are shared by every Fory
 * instance of the same configuration and class loader, so the other instances of the pool only
 * instantiate them), and round-trips a record built with default component values, so the read path
 * of the class has run once. A second instance reads what the first wrote: an instance that wrote a
 * class's name remembers it, so only another one runs the decoding of names that a restarted JVM
 * runs on its first hit. Never throws; a class that cannot be prepared is skipped at DEBUG.
 */
final class ForyPreparation {

	private static final Logger logger = LoggerFactory.getLogger(ForyPreparation.class);

	/** Records in lists of records are sampled this deep at most (a record may hold a list of its own type). */
	private static final int MAX_SAMPLE_DEPTH = 3;

	private final Fory fory;

	/** Reads what {@link #fory} wrote, as a restarted JVM reads another's bytes: names decoded, not remembered. */
	private final Fory reader;

	/** The classes being prepared: only their samples are put in lists, as others may not be encodable. */
	private final Set<Class<?>> prepared;

	ForyPreparation(Fory fory, Fory reader, Set<Class<?>> prepared) {
		this.fory = fory;
		this.reader = reader;
		this.prepared = prepared;
	}

	/** The two instances prepared, to give back to the pool. */
	List<Fory> instances() {
		return List.of(fory, reader);
	}

	/** Whether Fory makes a serializer of its own for {@code type}: concrete classes only. */
	static boolean preparable(Class<?> type) {
		return !type.isPrimitive() && !type.isArray() && !type.isInterface() && !type.isAnnotation()
				&& (type.isEnum() || !Modifier.isAbstract(type.getModifiers()));
	}

	/**
	 * Round-trips a small value of JDK types (a list, a map, strings, numbers, a date-time), which
	 * runs the parts of Fory's read and write paths every value goes through.
	 *
	 * @return {@code false} if the instance hit an {@link Error} and must be discarded
	 */
	boolean warmUpCommonPaths() {
		Map<String, Object> map = new HashMap<>();
		map.put("k", 1L);
		List<Object> value = new ArrayList<>(List.of("a", 1, 2.0, LocalDateTime.of(2000, 1, 1, 0, 0), map, new int[] { 1 }));
		return run("JDK sample value", () -> reader.deserialize(fory.serialize(value)));
	}

	/**
	 * Prepares {@code type}, which the allowlist admits.
	 *
	 * @return {@code false} if the instance hit an {@link Error} and must be discarded
	 */
	boolean prepare(Class<?> type) {
		if (!run(type.getName(), () -> fory.getClassResolver().getSerializer(type))) {
			return false;
		}
		Object sample = sample(type);
		return sample == null || run(type.getName() + " (sample record)", () -> reader.deserialize(fory.serialize(sample)));
	}

	/**
	 * A record of {@code type} with zero, {@code false} and {@code null} components, if its constructor
	 * accepts them; a list component whose declared elements are records being prepared holds one
	 * sample element instead, so the read of such a list (a report's rows) has run too.
	 */
	@Nullable Object sample(Class<?> type) {
		return sample(type, 0);
	}

	private @Nullable Object sample(Class<?> type, int depth) {
		if (!type.isRecord() || depth > MAX_SAMPLE_DEPTH) {
			return null;
		}
		try {
			RecordComponent[] components = type.getRecordComponents();
			Class<?>[] types = new Class<?>[components.length];
			Object[] values = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				types[i] = components[i].getType();
				values[i] = types[i].isPrimitive() ? Array.get(Array.newInstance(types[i], 1), 0)
						: list(components[i], depth);
			}
			Constructor<?> constructor = type.getDeclaredConstructor(types);
			constructor.setAccessible(true);
			return constructor.newInstance(values);
		}
		catch (Exception | LinkageError ex) {
			logger.debug("No sample value of {} to prepare the codec with: {}", type.getName(), ex.toString());
			return null;
		}
	}

	/** A one-element list for a {@code List<R>} component whose {@code R} is being prepared, else {@code null}. */
	private @Nullable List<Object> list(RecordComponent component, int depth) {
		if (component.getType() != List.class || !(component.getGenericType() instanceof ParameterizedType list)
				|| !(list.getActualTypeArguments()[0] instanceof Class<?> element) || !prepared.contains(element)) {
			return null;
		}
		Object sample = sample(element, depth + 1);
		return (sample != null) ? new ArrayList<>(List.of(sample)) : null;
	}

	private boolean run(String what, Runnable step) {
		try {
			step.run();
			return true;
		}
		catch (Exception ex) {
			logger.debug("Codec not prepared for {}: {}", what, ex.toString());
			return true;
		}
		catch (Throwable ex) {
			logger.debug("Codec not prepared for {}, Fory instance discarded: {}", what, ex.toString());
			return false;
		}
	}

}
