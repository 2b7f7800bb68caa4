package dev.cachet.core.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.springframework.core.ResolvableType;

/**
 * The classes a cached value of a declared type may hold, as far as the declarations tell: the type
 * itself, the type arguments of its generic type (the elements of a {@code List<Ship>}, the keys and
 * values of a map), the components of arrays and, for classes that are not the JDK's, the declared
 * types of their instance fields, recursively. A codec is {@linkplain ValueCodec#prepare prepared}
 * for them at start-up.
 *
 * <p>A method's return type is unwrapped the way Spring caches it: the value held by an
 * {@code Optional}, a {@code CompletableFuture} or other future, a Reactor {@code Mono}, and the
 * elements of a {@code Flux}. Type variables are resolved against the class the method is called on
 * where they can be, and stand for their bounds otherwise.
 *
 * <p>The walk stops at {@value #LIMIT} classes and at a depth of {@value #MAX_DEPTH}; {@code Object},
 * {@code void} and types that cannot be resolved add nothing. Not thread-safe.
 */
public final class ValueTypes {

	/** At most this many classes are collected, whatever the types added. */
	public static final int LIMIT = 256;

	private static final int MAX_DEPTH = 12;

	private final Set<Class<?>> classes = new LinkedHashSet<>();

	/** Classes whose fields were walked already. */
	private final Set<Class<?>> walked = new HashSet<>();

	/** Adds the classes of the values {@code method} returns when called on {@code userClass}. */
	public ValueTypes addReturnTypeOf(Method method, Class<?> userClass) {
		add(unwrapped(ResolvableType.forMethodReturnType(method, userClass), 0), 0);
		return this;
	}

	/** Adds the classes of values of {@code type}, which is not unwrapped. */
	public ValueTypes add(ResolvableType type) {
		add(type, 0);
		return this;
	}

	/** The classes collected, in the order they were found: the declared types first. */
	public Set<Class<?>> classes() {
		return Collections.unmodifiableSet(classes);
	}

	/** What Spring caches for a method returning {@code type}: the value inside a wrapper. */
	private static ResolvableType unwrapped(ResolvableType type, int depth) {
		Class<?> raw = type.resolve();
		if (raw == null || depth >= 4 || !isWrapper(raw)) {
			return type;
		}
		ResolvableType held = (raw == Optional.class || raw.getName().equals("reactor.core.publisher.Mono")
				|| raw.getName().equals("reactor.core.publisher.Flux")) ? type.getGeneric(0)
						: type.as(isStage(raw) ? CompletionStage.class : Future.class).getGeneric(0);
		return unwrapped(held, depth + 1);
	}

	private static boolean isWrapper(Class<?> raw) {
		return raw == Optional.class || isStage(raw) || Future.class.isAssignableFrom(raw)
				|| raw.getName().equals("reactor.core.publisher.Mono") || raw.getName().equals("reactor.core.publisher.Flux");
	}

	private static boolean isStage(Class<?> raw) {
		return CompletionStage.class.isAssignableFrom(raw);
	}

	private void add(ResolvableType type, int depth) {
		if (classes.size() >= LIMIT || depth > MAX_DEPTH || type == ResolvableType.NONE) {
			return;
		}
		Class<?> raw = type.resolve();
		if (raw == null || raw == Object.class || raw == void.class || raw == Void.class) {
			return;
		}
		if (raw.isArray()) {
			add(type.getComponentType(), depth + 1);
			return;
		}
		classes.add(raw);
		for (ResolvableType generic : type.getGenerics()) {
			add(generic, depth + 1);
		}
		if (!isJdk(raw) && walked.add(raw)) {
			addFieldsOf(type, raw, depth);
		}
	}

	private void addFieldsOf(ResolvableType type, Class<?> raw, int depth) {
		for (Class<?> owner = raw; owner != null && !isJdk(owner); owner = owner.getSuperclass()) {
			Field[] fields;
			try {
				fields = owner.getDeclaredFields();
			}
			catch (LinkageError ex) {
				return; // a field type that cannot be loaded: the codec could not handle the class either
			}
			for (Field field : fields) {
				int modifiers = field.getModifiers();
				if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
					add(ResolvableType.forField(field, type), depth + 1);
				}
			}
		}
	}

	private static boolean isJdk(Class<?> type) {
		if (type.isPrimitive()) {
			return true;
		}
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.") || name.startsWith("com.sun.");
	}

}
