package dev.cachet.core.hash;

import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Chooses, once per runtime class, how values of that class are encoded: a user
 * {@link ArgumentHasher} first, then the fail-closed list, the built-in encoders, enums, records and
 * application objects. Anything else fails closed.
 */
final class EncoderResolver {

	private final List<ArgumentHasher<?>> customHashers;

	private final ClassValue<ValueEncoder> encoders = new ClassValue<>() {

		@Override
		protected ValueEncoder computeValue(Class<?> type) {
			return resolve(type);
		}

	};

	EncoderResolver(List<ArgumentHasher<?>> customHashers) {
		this.customHashers = List.copyOf(customHashers);
	}

	ValueEncoder encoderFor(Class<?> type) {
		return this.encoders.get(type);
	}

	/** Whether a user hasher may handle values declared as {@code type} (a subtype counts). */
	boolean hasCustomHasherFor(Class<?> declaredType) {
		for (ArgumentHasher<?> hasher : this.customHashers) {
			if (hasher.type().isAssignableFrom(declaredType) || declaredType.isAssignableFrom(hasher.type())) {
				return true;
			}
		}
		return false;
	}

	private ValueEncoder resolve(Class<?> type) {
		for (ArgumentHasher<?> hasher : this.customHashers) {
			if (hasher.type().isAssignableFrom(type)) {
				return new CustomHasherEncoder(hasher);
			}
		}
		String unsupported = UnsupportedTypes.reason(type);
		if (unsupported != null) {
			return ValueEncoder.failing(type, unsupported);
		}
		ValueEncoder builtIn = findBuiltIn(type);
		if (builtIn != null) {
			return JdkClasses.isJdk(type) ? builtIn : withAddedState(type, builtIn);
		}
		if (Enum.class.isAssignableFrom(type)) {
			return EnumEncoder.INSTANCE;
		}
		if (Iterable.class.isAssignableFrom(type)) {
			return ValueEncoder.failing(type, "an Iterable that is not a Collection may be lazy or single-use");
		}
		if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || Proxy.isProxyClass(type)
				|| type.getName().contains("$$")) {
			return ValueEncoder.failing(type, "a lambda, anonymous or generated class carries behaviour, not data;"
					+ " register an ArgumentHasher or mark the parameter @CacheKeyIgnore");
		}
		if (JdkClasses.isJdk(type)) {
			return ValueEncoder.failing(type, "no canonical encoding for this JDK type; register an ArgumentHasher");
		}
		return FieldsEncoder.forType(type);
	}

	/** A collection or map class of the application or a library: its content, then any fields it adds. */
	private static ValueEncoder withAddedState(Class<?> type, ValueEncoder content) {
		ValueEncoder addedState = FieldsEncoder.forAddedState(type);
		if (addedState == null) {
			return content;
		}
		return (value, digest) -> {
			content.encode(value, digest);
			addedState.encode(value, digest);
		};
	}

	private static ValueEncoder findBuiltIn(Class<?> type) {
		ValueEncoder encoder = ScalarEncoders.find(type);
		if (encoder == null) {
			encoder = TimeEncoders.find(type);
		}
		if (encoder == null) {
			encoder = ArrayEncoders.find(type);
		}
		if (encoder == null) {
			encoder = CollectionEncoders.find(type);
		}
		return encoder;
	}

}
