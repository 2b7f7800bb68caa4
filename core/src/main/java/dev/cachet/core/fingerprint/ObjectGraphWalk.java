package dev.cachet.core.fingerprint;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.Type;

/**
 * Follows the objects a cached bean holds, as the running application wired them, alongside the
 * {@link CallGraph} walk of its code. An instance field is followed only once the reached code reads
 * it; what it holds then counts:
 * <ul>
 * <li>an application object: its runtime class (which implementation was injected), the code that
 * made it (its constructors, its {@code @Bean} method) and, in turn, the fields of it that are read;
 * all its instance methods when it is held as a library type (a {@code Function}), since library
 * code may call any of them;</li>
 * <li>a lambda: the lambda bodies of the class that declares it, and what it captured;</li>
 * <li>a library object: its runtime class and its library;</li>
 * <li>in a {@code @ConfigurationProperties} object, a value: its hash, named by property;</li>
 * <li>elsewhere, a plain value (a string, a number, a time): nothing. The code that computed it
 * counts, the value does not, so a start time or a random id never changes a fingerprint.</li>
 * </ul>
 * For each bean met, the {@link BeanOrigins} add its {@code @Value} configuration and the beans it
 * was injected with. Collections are followed by the distinct classes of their elements, so data
 * held in a bean is not walked element by element. Objects are read as the {@link CapturedState}
 * holds them, when it captured them.
 */
final class ObjectGraphWalk {

	private final CallGraph.Walk code;

	private final CodeHasher names;

	private final CallGraph graph;

	private final BeanOrigins origins;

	private final CapturedState state;

	private final Map<String, Set<String>> components = new TreeMap<>();

	private final Map<Object, Node> nodes = new IdentityHashMap<>();

	private final List<Node> order = new ArrayList<>();

	/** Field and runtime class pairs already walked into: bounds the walk over data structures. */
	private final Set<String> walked = new HashSet<>();

	ObjectGraphWalk(CallGraph graph, CallGraph.Walk code, CodeHasher names, BeanOrigins origins, CapturedState state) {
		this.graph = graph;
		this.code = code;
		this.names = names;
		this.origins = origins;
		this.state = state;
	}

	/**
	 * Walks from {@code target} until neither the code nor the objects reach anything more.
	 * @return the wiring and configuration components, by component name
	 */
	Map<String, String> from(Object target) {
		node(target, null, false);
		boolean progressed = true;
		while (progressed) {
			this.code.drain();
			Map<String, Set<String>> readers = fieldReaders();
			progressed = false;
			for (int i = 0; i < this.order.size(); i++) {
				progressed |= followRead(this.order.get(i), readers);
			}
		}
		Map<String, String> flat = new TreeMap<>();
		this.components.forEach((name, values) -> flat.put(name, String.join(" | ", values)));
		return flat;
	}

	/** Field name to the classes the reached code reads it through. */
	private Map<String, Set<String>> fieldReaders() {
		Map<String, Set<String>> readers = new HashMap<>();
		for (FieldRef field : this.code.fieldsRead()) {
			readers.computeIfAbsent(field.name(), (name) -> new HashSet<>()).add(field.owner());
		}
		return readers;
	}

	private boolean followRead(Node node, Map<String, Set<String>> readers) {
		boolean followed = false;
		for (var fields = node.unread.iterator(); fields.hasNext();) {
			Field field = fields.next();
			Set<String> owners = readers.getOrDefault(field.getName(), Set.of());
			if (node.readsAll || owners.stream().anyMatch(node.hierarchy::contains)) {
				fields.remove();
				follow(node, field);
				followed = true;
			}
		}
		return followed;
	}

	private void follow(Node node, Field field) {
		String name = this.names.canonicalClassName(Type.getInternalName(field.getDeclaringClass())).replace('/', '.')
				+ "." + field.getName();
		Object value;
		try {
			value = this.state.read(node.object, field);
		}
		catch (RuntimeException | IllegalAccessException ex) {
			add(FingerprintComponents.WIRING + name, "unreadable " + field.getType().getName());
			return;
		}
		if (node.propertiesPrefix != null) {
			followProperty(node.propertiesPrefix + "." + PlainValues.kebab(field.getName()), value);
		}
		else {
			followWired(name, value, !this.graph.inScope(Type.getInternalName(field.getType())));
		}
	}

	private void followProperty(String property, @Nullable Object value) {
		if (value != null && !PlainValues.isPlain(value) && isApplicationObject(value)) {
			node(value, property, false);
		}
		else {
			add(FingerprintComponents.CONFIG + property, this.state.configHash(value));
		}
	}

	private void followWired(String name, @Nullable Object value, boolean heldAsLibraryType) {
		if (value == null) {
			add(FingerprintComponents.WIRING + name, "null");
			return;
		}
		if (PlainValues.isPlain(value)) {
			return;
		}
		Optional<Iterable<?>> elements = this.state.elements(value);
		if (elements.isPresent()) {
			Set<String> classes = new TreeSet<>();
			for (Object element : elements.get()) {
				if (element != null && !PlainValues.isPlain(element)) {
					Object unwrapped = Proxies.unwrap(element);
					String described = describe(unwrapped);
					classes.add(described);
					if (this.walked.add(name + " " + described)) {
						walkInto(unwrapped, true);
					}
				}
			}
			add(FingerprintComponents.WIRING + name, value.getClass().getName() + " of " + classes);
			return;
		}
		Object unwrapped = Proxies.unwrap(value);
		add(FingerprintComponents.WIRING + name, describe(unwrapped));
		walkInto(unwrapped, heldAsLibraryType);
	}

	private void walkInto(Object object, boolean heldAsLibraryType) {
		Class<?> type = object.getClass();
		if (Proxies.isLambda(type)) {
			this.code.reachLambdaBodies(Proxies.lambdaHost(type).replace('.', '/'));
			node(object, null, true);
		}
		else if (isApplicationObject(object)) {
			node(object, null, false);
			if (heldAsLibraryType) {
				this.code.instantiate(internalName(object));
			}
		}
		else {
			Proxies.codeClasses(type).forEach((library) -> this.code.library(Type.getInternalName(library)));
		}
	}

	private void node(Object object, @Nullable String propertiesPrefix, boolean readsAll) {
		if (this.nodes.containsKey(object)) {
			return;
		}
		Optional<BeanOrigin> origin = this.origins.of(object);
		String prefix = origin.map(BeanOrigin::propertiesPrefix).orElse(propertiesPrefix);
		Node node = new Node(object, prefix, readsAll);
		this.nodes.put(object, node);
		this.order.add(node);
		if (!readsAll) {
			this.code.reachConstructors(internalName(object));
		}
		origin.ifPresent((bean) -> followOrigin(object, bean));
	}

	private void followOrigin(Object bean, BeanOrigin origin) {
		Method factory = origin.factoryMethod();
		if (factory != null) {
			String owner = Type.getInternalName(factory.getDeclaringClass());
			if (this.graph.inScope(owner)) {
				this.code.reachFactory(new MethodRef(owner, factory.getName(), Type.getMethodDescriptor(factory)),
						internalName(bean));
			}
			else {
				this.code.library(owner);
			}
		}
		origin.configuration().forEach((property, value) -> add(FingerprintComponents.CONFIG + property, PlainValues.hash(value)));
		origin.dependencies()
			.forEach((name, dependency) -> followWired("bean '" + origin.name() + "' <- '" + name + "'", dependency,
					false));
	}

	/** The runtime class as a fingerprint names it: proxies and lambdas by what stands behind them. */
	private String describe(Object object) {
		Class<?> type = object.getClass();
		String described;
		if (Proxies.isLambda(type)) {
			described = "lambda in " + this.names.canonicalClassName(Proxies.lambdaHost(type).replace('.', '/'));
		}
		else if (java.lang.reflect.Proxy.isProxyClass(type)) {
			described = "proxy of " + Proxies.codeClasses(type).stream().map(Class::getName).sorted().toList();
		}
		else {
			described = this.names.canonicalClassName(internalName(object)).replace('/', '.');
		}
		Method factory = this.origins.of(object).map(BeanOrigin::factoryMethod).orElse(null);
		return (factory != null) ? described + " from " + factory.getDeclaringClass().getName() + "#"
				+ factory.getName() + Type.getMethodDescriptor(factory) : described;
	}

	private boolean isApplicationObject(Object object) {
		return !object.getClass().isHidden() && this.graph.inScope(internalName(object));
	}

	private static String internalName(Object object) {
		return Type.getInternalName(Proxies.userClass(object));
	}

	private void add(String component, String value) {
		this.components.computeIfAbsent(component, (key) -> new TreeSet<>()).add(value);
	}

	/**
	 * An object met on the walk, with its instance fields not followed yet.
	 */
	private final class Node {

		private final Object object;

		private final @Nullable String propertiesPrefix;

		/** A lambda's captured values are all used: its code cannot be read to tell. */
		private final boolean readsAll;

		private final Set<String> hierarchy = new HashSet<>();

		private final List<Field> unread = new ArrayList<>();

		Node(Object object, @Nullable String propertiesPrefix, boolean readsAll) {
			this.object = object;
			this.propertiesPrefix = propertiesPrefix;
			this.readsAll = readsAll;
			this.unread.addAll(CapturedState.instanceFields(object, readsAll, ObjectGraphWalk.this.graph::inScope,
					this.hierarchy));
		}

	}

}
