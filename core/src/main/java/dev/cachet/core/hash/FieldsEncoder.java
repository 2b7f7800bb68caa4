package dev.cachet.core.hash;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.dynatrace.hash4j.hashing.HashValue128;

/**
 * Encodes records and plain application objects by their fields, read by reflection. The plan (which
 * fields, in which order, and a hash of the class and field names) is built once per class.
 *
 * <ul>
 * <li>A record: its class name, then its components in declaration order.
 * <li>Any other object: its class name, then its non-static, non-transient fields, including those
 * of superclasses, sorted by declaring class name then field name.
 * </ul>
 * It fails closed for an object with no fields (it probably carries behaviour, not data), for a
 * class extending a JDK class that has fields (those are JDK internals), and for fields the module
 * system will not open.
 */
final class FieldsEncoder implements ValueEncoder {

	private static final ClassValue<ValueEncoder> ENCODERS = new ClassValue<>() {

		@Override
		protected ValueEncoder computeValue(Class<?> type) {
			try {
				return type.isRecord() ? forRecord(type) : forObject(type);
			}
			catch (RuntimeException ex) {
				return unreadable(type, ex);
			}
		}

	};

	private final byte tag;

	private final HashValue128 schema;

	private final FieldWriter[] fields;

	private FieldsEncoder(byte tag, HashValue128 schema, List<FieldWriter> fields) {
		this.tag = tag;
		this.schema = schema;
		this.fields = fields.toArray(FieldWriter[]::new);
	}

	/**
	 * The encoder for a record or an application class, or a failing encoder that says why
	 * {@code type} cannot be encoded by its fields.
	 */
	static ValueEncoder forType(Class<?> type) {
		return ENCODERS.get(type);
	}

	@Override
	public void encode(Object value, StreamingArgumentDigest digest) throws UnsupportedArgumentException {
		digest.enter(value);
		try {
			digest.out(this.tag);
			digest.putNameHash(this.schema);
			for (FieldWriter field : this.fields) {
				field.write(value, digest);
			}
		}
		catch (IllegalAccessException ex) {
			throw new UnsupportedArgumentException(value.getClass(), "a field cannot be read: " + ex.getMessage());
		}
		finally {
			digest.exit();
		}
	}

	/**
	 * The fields an application class adds to a JDK collection or map it extends (a route name on a
	 * list of points), which content equality would miss, or {@code null} when it adds none.
	 */
	static ValueEncoder forAddedState(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> owner = type; !JdkClasses.isJdk(owner); owner = owner.getSuperclass()) {
			for (Field field : owner.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
					fields.add(field);
				}
			}
		}
		if (fields.isEmpty()) {
			return null;
		}
		try {
			return sortedFields(type, fields);
		}
		catch (RuntimeException ex) {
			return unreadable(type, ex);
		}
	}

	private static ValueEncoder forRecord(Class<?> type) {
		List<String> names = new ArrayList<>();
		List<FieldWriter> writers = new ArrayList<>();
		names.add(type.getName());
		for (RecordComponent component : type.getRecordComponents()) {
			names.add(component.getName());
			writers.add(writerFor(declaredField(type, component.getName())));
		}
		return new FieldsEncoder(TypeTag.RECORD, NameHash.of(names), writers);
	}

	private static ValueEncoder forObject(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> owner = type; owner != Object.class; owner = owner.getSuperclass()) {
			boolean hasInstanceFields = false;
			for (Field field : owner.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					hasInstanceFields = true;
					if (!Modifier.isTransient(field.getModifiers())) {
						fields.add(field);
					}
				}
			}
			if (hasInstanceFields && JdkClasses.isJdk(owner)) {
				return ValueEncoder.failing(type,
						"it extends " + owner.getName() + ", whose JDK-internal state cannot be read");
			}
		}
		if (fields.isEmpty()) {
			return ValueEncoder.failing(type, "it has no state, so it probably carries behaviour, not data;"
					+ " register an ArgumentHasher or mark the parameter @CacheKeyIgnore");
		}
		return sortedFields(type, fields);
	}

	private static ValueEncoder sortedFields(Class<?> type, List<Field> fields) {
		fields.sort(Comparator.comparing((Field field) -> field.getDeclaringClass().getName())
			.thenComparing(Field::getName));
		List<String> names = new ArrayList<>();
		List<FieldWriter> writers = new ArrayList<>();
		names.add(type.getName());
		for (Field field : fields) {
			names.add(field.getDeclaringClass().getName());
			names.add(field.getName());
			field.setAccessible(true);
			writers.add(writerFor(field));
		}
		return new FieldsEncoder(TypeTag.BEAN, NameHash.of(names), writers);
	}

	/** The module system (InaccessibleObjectException) or a security manager keeps the fields closed. */
	private static ValueEncoder unreadable(Class<?> type, RuntimeException ex) {
		return ValueEncoder.failing(type,
				"its fields cannot be read (" + ex.getMessage() + "); open its package or register an ArgumentHasher");
	}

	private static Field declaredField(Class<?> type, String name) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("record component without a field: " + name, ex);
		}
	}

	/** Reads primitives without boxing; primitive fields encode exactly as their boxed values. */
	private static FieldWriter writerFor(Field field) {
		Class<?> type = field.getType();
		if (type == int.class) {
			return (owner, digest) -> digest.putInt(field.getInt(owner));
		}
		if (type == long.class) {
			return (owner, digest) -> digest.putLong(field.getLong(owner));
		}
		if (type == double.class) {
			return (owner, digest) -> digest.putDouble(field.getDouble(owner));
		}
		if (type == boolean.class) {
			return (owner, digest) -> digest.putBoolean(field.getBoolean(owner));
		}
		if (type == float.class) {
			return (owner, digest) -> digest.putFloat(field.getFloat(owner));
		}
		if (type == short.class) {
			return (owner, digest) -> digest.putShort(field.getShort(owner));
		}
		if (type == byte.class) {
			return (owner, digest) -> digest.putByte(field.getByte(owner));
		}
		if (type == char.class) {
			return (owner, digest) -> digest.putChar(field.getChar(owner));
		}
		return (owner, digest) -> digest.putValue(field.get(owner));
	}

	@FunctionalInterface
	private interface FieldWriter {

		void write(Object owner, StreamingArgumentDigest digest)
				throws IllegalAccessException, UnsupportedArgumentException;

	}

}
