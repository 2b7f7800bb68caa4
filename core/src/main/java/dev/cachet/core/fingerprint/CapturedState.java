package dev.cachet.core.fingerprint;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.Type;

/**
 * The state of the objects cached beans hold, as it was when captured at start-up, for fingerprints
 * computed later (after the application is ready, or at a first call): a field the application sets
 * at run time (a latch, a lazily made client, a flag) must not change a fingerprint depending on
 * whether it was computed before or after, or results would be lost between restarts and instances.
 * <p>
 * The capture enters what an {@link ObjectGraphWalk} may enter (application objects, lambdas, the
 * beans a bean was injected with), reads every instance field of them (the walk later reads the
 * ones its code reaches), and keeps of each collection its first element of each kind, at most
 * 100,000 objects from one bean. Objects it did not capture, and all objects once {@link #forget() forgotten}, are read as they are now.
 * Thread-safe.
 */
final class CapturedState {

	/** Bounds a capture over data held in application objects (a tree of them, say): the rest is read later. */
	private static final int MAX_OBJECTS = 100_000;

	private final Map<Object, Map<Field, @Nullable Object>> fields = new IdentityHashMap<>();

	/** A collection's elements, the first of each kind: what the walk tells collections by. */
	private final Map<Object, List<Object>> elements = new IdentityHashMap<>();

	/** The hashes of values held in configuration properties, which may be mutable collections. */
	private final Map<Object, String> configHashes = new IdentityHashMap<>();

	/**
	 * Captures what {@code root} holds, transitively.
	 * @param inScope whether a class (internal name) is application code, as the walk will decide it
	 */
	synchronized void capture(Object root, BeanOrigins origins, Predicate<String> inScope) {
		new Capture(origins, inScope).run(root);
	}

	/** Lets go of everything captured: objects are read as they are from now on. */
	synchronized void forget() {
		this.fields.clear();
		this.elements.clear();
		this.configHashes.clear();
	}

	/** The value {@code field} of {@code owner} held when captured, else now. */
	@Nullable Object read(Object owner, Field field) throws IllegalAccessException {
		synchronized (this) {
			Map<Field, @Nullable Object> captured = this.fields.get(owner);
			if (captured != null && captured.containsKey(field)) {
				return captured.get(field);
			}
		}
		field.setAccessible(true);
		return field.get(owner);
	}

	/** The elements the walk tells a collection, map, array or optional by; empty for other values. */
	synchronized Optional<Iterable<?>> elements(Object value) {
		List<Object> captured = this.elements.get(value);
		return (captured != null) ? Optional.of(captured) : PlainValues.elements(value);
	}

	/** The hash of a configuration value, as it was when captured. */
	synchronized String configHash(@Nullable Object value) {
		String captured = (value != null) ? this.configHashes.get(value) : null;
		return (captured != null) ? captured : PlainValues.hash(value);
	}

	/** The instance fields of {@code object} the walk may read: up to its first library superclass, unless all count. */
	static List<Field> instanceFields(Object object, boolean allClasses, Predicate<String> inScope,
			Set<String> hierarchy) {
		List<Field> found = new ArrayList<>();
		for (Class<?> type = Proxies.userClass(object); type != null; type = type.getSuperclass()) {
			String internalName = Type.getInternalName(type);
			if (!allClasses && !inScope.test(internalName)) {
				break; // a library superclass's state belongs to the library
			}
			hierarchy.add(internalName);
			for (Field field : type.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					found.add(field);
				}
			}
		}
		return found;
	}

	/** One capture's walk, breadth first; runs under the lock. */
	private final class Capture {

		private final BeanOrigins origins;

		private final Predicate<String> inScope;

		private final Deque<Visit> pending = new ArrayDeque<>();

		private final Map<Class<?>, Boolean> plainClasses = new HashMap<>();

		Capture(BeanOrigins origins, Predicate<String> inScope) {
			this.origins = origins;
			this.inScope = inScope;
		}

		void run(Object root) {
			this.pending.add(new Visit(Proxies.unwrap(root), false, false));
			int captured = 0;
			while (!this.pending.isEmpty() && captured < MAX_OBJECTS) {
				Visit next = this.pending.poll();
				if (!CapturedState.this.fields.containsKey(next.object())) {
					visit(next);
					captured++;
				}
			}
		}

		private void visit(Visit visit) {
			Object object = visit.object();
			Map<Field, @Nullable Object> values = new HashMap<>(); // Field copies are equal, not identical
			CapturedState.this.fields.put(object, values);
			Optional<BeanOrigin> origin = this.origins.of(object);
			boolean properties = origin.map(BeanOrigin::propertiesPrefix).isPresent() || visit.inProperties();
			for (Field field : instanceFields(object, visit.readsAll(), this.inScope, new HashSet<>())) {
				try {
					field.setAccessible(true);
					Object value = field.get(object);
					values.put(field, value);
					hold(value, properties);
				}
				catch (RuntimeException | IllegalAccessException ex) {
					// not captured: the walk reads it then, and records it as unreadable as it would have
				}
			}
			origin.ifPresent((bean) -> bean.dependencies().values().forEach((dependency) -> hold(dependency, false)));
		}

		private void hold(@Nullable Object value, boolean inProperties) {
			if (value == null) {
				return;
			}
			boolean plain = isPlain(value);
			if (inProperties) {
				if (!plain && isApplicationObject(value)) {
					this.pending.add(new Visit(value, false, true));
				}
				else {
					CapturedState.this.configHashes.put(value, PlainValues.hash(value));
				}
			}
			else if (!plain) {
				Optional<Iterable<?>> contents = PlainValues.elements(value);
				if (contents.isPresent()) {
					List<Object> kinds = firstOfEachKind(contents.get());
					CapturedState.this.elements.put(value, kinds);
					kinds.forEach((element) -> enter(Proxies.unwrap(element)));
				}
				else {
					enter(Proxies.unwrap(value));
				}
			}
		}

		/**
		 * The elements the walk looks at: those that are not plain values and differ from every
		 * earlier one in class or in the bean method that made them.
		 */
		private List<Object> firstOfEachKind(Iterable<?> contents) {
			List<Object> kinds = new ArrayList<>();
			Set<List<@Nullable Object>> seen = new HashSet<>();
			for (Object element : contents) {
				if (element != null && !isPlain(element)) {
					Object unwrapped = Proxies.unwrap(element);
					Method factory = this.origins.of(unwrapped).map(BeanOrigin::factoryMethod).orElse(null);
					if (seen.add(Arrays.asList(unwrapped.getClass(), factory))) {
						kinds.add(element);
					}
				}
			}
			return kinds;
		}

		private void enter(Object object) {
			if (Proxies.isLambda(object.getClass())) {
				this.pending.add(new Visit(object, true, false));
			}
			else if (!isPlain(object) && isApplicationObject(object)) {
				this.pending.add(new Visit(object, false, false));
			}
		}

		/** Plainness is a matter of class: asked once per class, as a collection may hold millions. */
		private boolean isPlain(Object value) {
			return this.plainClasses.computeIfAbsent(value.getClass(), (type) -> PlainValues.isPlain(value));
		}

		private boolean isApplicationObject(Object object) {
			return !object.getClass().isHidden() && this.inScope.test(Type.getInternalName(Proxies.userClass(object)));
		}

	}

	private record Visit(Object object, boolean readsAll, boolean inProperties) {
	}

}
