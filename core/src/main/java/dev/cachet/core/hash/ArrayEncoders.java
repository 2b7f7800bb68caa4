package dev.cachet.core.hash;

import java.util.Map;

import com.dynatrace.hash4j.hashing.HashStream128;

/**
 * Encoders for arrays: a tag per primitive component type, the length, then the elements. Object
 * arrays also carry their component type, since an {@code Integer[]} and an {@code Object[]} holding
 * the same values behave differently. Floating-point elements are canonical as in
 * {@link java.util.Arrays#equals(double[], double[])}.
 */
final class ArrayEncoders {

	private static final Map<Class<?>, ValueEncoder> PRIMITIVE = Map.of(
			boolean[].class, (value, digest) -> {
				boolean[] array = (boolean[]) value;
				digest.out(TypeTag.BOOLEAN_ARRAY).putInt(array.length).putBooleans(array);
			},
			byte[].class, (value, digest) -> digest.putBytes((byte[]) value),
			short[].class, (value, digest) -> {
				short[] array = (short[]) value;
				digest.out(TypeTag.SHORT_ARRAY).putInt(array.length).putShorts(array);
			},
			char[].class, (value, digest) -> {
				char[] array = (char[]) value;
				digest.out(TypeTag.CHAR_ARRAY).putInt(array.length).putChars(array);
			},
			int[].class, (value, digest) -> {
				int[] array = (int[]) value;
				digest.out(TypeTag.INT_ARRAY).putInt(array.length).putInts(array);
			},
			long[].class, (value, digest) -> {
				long[] array = (long[]) value;
				digest.out(TypeTag.LONG_ARRAY).putInt(array.length).putLongs(array);
			},
			float[].class, ArrayEncoders::encodeFloats,
			double[].class, ArrayEncoders::encodeDoubles);

	private ArrayEncoders() {
	}

	/** The encoder for {@code type}, or {@code null} if it is not an array type. */
	static ValueEncoder find(Class<?> type) {
		if (!type.isArray()) {
			return null;
		}
		ValueEncoder primitive = PRIMITIVE.get(type);
		return (primitive != null) ? primitive : ArrayEncoders::encodeObjects;
	}

	private static void encodeFloats(Object value, StreamingArgumentDigest digest) {
		float[] array = (float[]) value;
		HashStream128 out = digest.out(TypeTag.FLOAT_ARRAY).putInt(array.length);
		for (float element : array) {
			out.putInt(Float.floatToIntBits(element));
		}
	}

	private static void encodeDoubles(Object value, StreamingArgumentDigest digest) {
		double[] array = (double[]) value;
		HashStream128 out = digest.out(TypeTag.DOUBLE_ARRAY).putInt(array.length);
		for (double element : array) {
			out.putLong(Double.doubleToLongBits(element));
		}
	}

	private static void encodeObjects(Object value, StreamingArgumentDigest digest)
			throws UnsupportedArgumentException {
		Object[] array = (Object[]) value;
		digest.enter(array);
		try {
			digest.out(TypeTag.OBJECT_ARRAY).putInt(array.length);
			digest.putText(array.getClass().getComponentType().getName());
			for (Object element : array) {
				digest.putValue(element);
			}
		}
		finally {
			digest.exit();
		}
	}

}
