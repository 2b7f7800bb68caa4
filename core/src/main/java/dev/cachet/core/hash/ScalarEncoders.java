package dev.cachet.core.hash;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.dynatrace.hash4j.hashing.HashStream128;

/**
 * Encoders for single-valued JDK types: boxed primitives, text, big numbers and identifiers.
 *
 * <p>Rules worth knowing:
 * <ul>
 * <li>{@link BigDecimal} by unscaled value and scale, as {@link BigDecimal#equals}: {@code 1.0} and
 * {@code 1.00} differ.
 * <li>{@link File} and {@link Path} by their path, not the file's content. Paths of the default
 * file system by their string, others (a zip file system) by URI, which names the container.
 * <li>{@link URL} by {@link URL#toExternalForm()}, never {@code equals}/{@code hashCode}, which
 * resolve host names.
 * <li>{@link Class} by name; {@link Locale} by its language, script, country, variant and
 * extensions; {@link Currency} by code; {@link URI} by its string; {@link Date} by epoch millis.
 * </ul>
 * Only the exact classes are matched (apart from {@link Path}): a subclass of {@code BigDecimal} or
 * {@code Date} may carry more state, and is left to the general rules.
 */
final class ScalarEncoders {

	private static final Map<Class<?>, ValueEncoder> EXACT = exactEncoders();

	private ScalarEncoders() {
	}

	/** The encoder for {@code type}, or {@code null} if it is not a scalar type. */
	static ValueEncoder find(Class<?> type) {
		ValueEncoder encoder = EXACT.get(type);
		if (encoder == null && Path.class.isAssignableFrom(type)) {
			return ScalarEncoders::encodePath;
		}
		return encoder;
	}

	private static Map<Class<?>, ValueEncoder> exactEncoders() {
		Map<Class<?>, ValueEncoder> encoders = new HashMap<>();
		encoders.put(Boolean.class, (value, digest) -> digest.putBoolean((Boolean) value));
		encoders.put(Byte.class, (value, digest) -> digest.putByte((Byte) value));
		encoders.put(Short.class, (value, digest) -> digest.putShort((Short) value));
		encoders.put(Character.class, (value, digest) -> digest.putChar((Character) value));
		encoders.put(Integer.class, (value, digest) -> digest.putInt((Integer) value));
		encoders.put(Long.class, (value, digest) -> digest.putLong((Long) value));
		encoders.put(Float.class, (value, digest) -> digest.putFloat((Float) value));
		encoders.put(Double.class, (value, digest) -> digest.putDouble((Double) value));
		ValueEncoder text = (value, digest) -> digest.putString((CharSequence) value);
		encoders.put(String.class, text);
		encoders.put(StringBuilder.class, text);
		encoders.put(StringBuffer.class, text);
		encoders.put(BigInteger.class, ScalarEncoders::encodeBigInteger);
		encoders.put(BigDecimal.class, ScalarEncoders::encodeBigDecimal);
		encoders.put(UUID.class, (value, digest) -> {
			UUID uuid = (UUID) value;
			digest.out(TypeTag.UUID).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
		});
		encoders.put(Class.class, (value, digest) -> named(TypeTag.CLASS, ((Class<?>) value).getName(), digest));
		encoders.put(Locale.class, ScalarEncoders::encodeLocale);
		encoders.put(Currency.class,
				(value, digest) -> named(TypeTag.CURRENCY, ((Currency) value).getCurrencyCode(), digest));
		encoders.put(URI.class, (value, digest) -> named(TypeTag.URI, ((URI) value).toString(), digest));
		encoders.put(URL.class, (value, digest) -> named(TypeTag.URL, ((URL) value).toExternalForm(), digest));
		encoders.put(File.class, (value, digest) -> named(TypeTag.FILE, ((File) value).getPath(), digest));
		encoders.put(Date.class, (value, digest) -> digest.out(TypeTag.DATE).putLong(((Date) value).getTime()));
		return Map.copyOf(encoders);
	}

	private static void named(byte tag, String text, StreamingArgumentDigest digest) {
		digest.out(tag);
		digest.putText(text);
	}

	private static void encodeBigInteger(Object value, StreamingArgumentDigest digest) {
		putBigInteger((BigInteger) value, digest.out(TypeTag.BIG_INTEGER));
	}

	private static void encodeBigDecimal(Object value, StreamingArgumentDigest digest) {
		BigDecimal number = (BigDecimal) value;
		putBigInteger(number.unscaledValue(), digest.out(TypeTag.BIG_DECIMAL).putInt(number.scale()));
	}

	/** A long when it fits (no allocation), else the two's-complement bytes; a marker says which. */
	private static void putBigInteger(BigInteger number, HashStream128 out) {
		if (number.bitLength() < Long.SIZE) {
			out.putBoolean(true).putLong(number.longValue());
		}
		else {
			byte[] bytes = number.toByteArray();
			out.putBoolean(false).putInt(bytes.length).putBytes(bytes);
		}
	}

	private static void encodeLocale(Object value, StreamingArgumentDigest digest) {
		Locale locale = (Locale) value;
		digest.out(TypeTag.LOCALE);
		digest.putText(locale.getLanguage());
		digest.putText(locale.getScript());
		digest.putText(locale.getCountry());
		digest.putText(locale.getVariant());
		List<Character> keys = new ArrayList<>(locale.getExtensionKeys());
		keys.sort(null);
		for (Character key : keys) {
			digest.putChar(key);
			digest.putString(locale.getExtension(key));
		}
		digest.out(TypeTag.END);
	}

	private static void encodePath(Object value, StreamingArgumentDigest digest) {
		Path path = (Path) value;
		if (path.getFileSystem() == FileSystems.getDefault()) {
			named(TypeTag.PATH, path.toString(), digest);
		}
		else {
			named(TypeTag.PATH_URI, path.toUri().toString(), digest);
		}
	}

}
