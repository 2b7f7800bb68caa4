package dev.cachet.core.fingerprint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.dynatrace.hash4j.hashing.HashStream128;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.asm.Type;

/**
 * Computes code fingerprints from the original class bytes of application classes and from the
 * objects the running application wired: the normalized body of the method and of every
 * application method it reaches, the constructors and {@code @Bean} methods that made the objects
 * it reaches, which classes were injected, the configuration bound into them, the identity of the
 * libraries it calls, {@link CacheCodeVersion} and the global salt. Line numbers, local variable
 * names, frames and javac's numbering of lambdas and anonymous classes do not count; neither do
 * plain values outside configuration (a start time, a counter, a random id).
 * <p>
 * When the code cannot be read, the fingerprint is random for this JVM run (so it never matches a
 * result of another run) and one warning names the method. Thread-safe.
 * <p>
 * Not seen: reflection, {@code Environment.getProperty} inside a method, data files and remote
 * services ({@link CacheCodeVersion} covers those), and {@code @CacheCodeVersion} on reached
 * helpers (only the method's and its declaring class's count). Methods without code (a Spring Data
 * repository method) count by their declaration: name, descriptor, generic signature and
 * annotations with their values.
 */
public class MethodFingerprinter {

	private static final Logger logger = LoggerFactory.getLogger(MethodFingerprinter.class);

	/** Changes whenever what goes into a fingerprint changes, retiring all earlier fingerprints. */
	private static final String FORMAT = "cachet-method-fingerprint-2";

	private final FingerprintSettings settings;

	private final BeanOrigins origins;

	private final Map<ClassLoader, CodeSources> sources = new ConcurrentHashMap<>();

	private final Map<CodebaseKey, Codebase> codebases = new ConcurrentHashMap<>();

	private final Map<MethodKey, MethodFingerprint> fingerprints = new ConcurrentHashMap<>();

	private final CapturedState captured = new CapturedState();

	/** Fingerprints code and the objects it reaches, knowing nothing of where they came from. */
	public MethodFingerprinter(FingerprintSettings settings) {
		this(settings, BeanOrigins.NONE);
	}

	/** Fingerprints code and the objects it reaches, with what a container knows of its beans. */
	public MethodFingerprinter(FingerprintSettings settings, BeanOrigins origins) {
		this.settings = settings;
		this.origins = origins;
	}

	/**
	 * Records the state of the objects {@code target} (a bean of class {@code userClass}, or a proxy
	 * of it) holds, as they are now, for the fingerprints of its methods computed later: a field the
	 * application changes after this (a flag, a latch, a lazily made client) does not change them. Cheap
	 * next to a fingerprint: it reads the objects, not the code. Kept until
	 * {@link #forgetCapturedState()}.
	 */
	public void captureState(Class<?> userClass, Object target) {
		ApplicationScope scope = ApplicationScope.of(this.settings, userClass, sources(userClass));
		this.captured.capture(target, this.origins, scope::contains);
	}

	/** Lets go of the captured state: fingerprints computed from now on see objects as they are then. */
	public void forgetCapturedState() {
		this.captured.forget();
	}

	/** The fingerprint of {@code method} without a bean to follow: code only. */
	public MethodFingerprint fingerprint(Class<?> userClass, Method method) {
		return fingerprint(userClass, method, null);
	}

	/**
	 * Fingerprints {@code method}, already resolved to the most specific, non-bridge method of the
	 * user class {@code userClass} (no proxy classes), following the objects {@code target} (the
	 * bean it runs on, behind any proxy) holds when given. Memoized per method: cheap after the first
	 * call, and the same instance is returned. Never throws for unreadable code.
	 */
	public MethodFingerprint fingerprint(Class<?> userClass, Method method, @Nullable Object target) {
		MethodKey key = new MethodKey(userClass, method);
		MethodFingerprint known = this.fingerprints.get(key);
		if (known != null) {
			return known;
		}
		MethodFingerprint computed = compute(userClass, method, target);
		MethodFingerprint raced = this.fingerprints.putIfAbsent(key, computed);
		return (raced != null) ? raced : computed;
	}

	private MethodFingerprint compute(Class<?> userClass, Method method, @Nullable Object target) {
		MethodRef root = new MethodRef(Type.getInternalName(method.getDeclaringClass()), method.getName(),
				Type.getMethodDescriptor(method));
		try {
			ClassLoader classLoader = classLoader(userClass);
			CodeSources classPath = sources(userClass);
			ApplicationScope scope = ApplicationScope.of(this.settings, userClass, classPath);
			Codebase codebase = this.codebases.computeIfAbsent(new CodebaseKey(classLoader, scope),
					(key) -> Codebase.of(classLoader, scope));
			CallGraph.Walk walk = codebase.callGraph().start();
			walk.reach(root);
			// Spring constructs the bean reflectively: its field initializers and constructors made its state
			walk.reachConstructors(Type.getInternalName(userClass));
			Map<String, String> wiring = (target != null)
					? new ObjectGraphWalk(codebase.callGraph(), walk, codebase.hasher(), this.origins, this.captured)
						.from(Proxies.unwrap(target))
					: Map.of();
			return combine(root, method, walk.drain(), wiring, codebase.hasher(), classPath);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot fingerprint the code of {}: its cached results will not be reused by another run ({})",
					root.id(), ex.toString());
			return new MethodFingerprint(UUID.randomUUID().toString().replace("-", ""), Map.of());
		}
	}

	private CodeSources sources(Class<?> userClass) {
		return this.sources.computeIfAbsent(classLoader(userClass), CodeSources::new);
	}

	private static ClassLoader classLoader(Class<?> userClass) {
		return (userClass.getClassLoader() != null) ? userClass.getClassLoader() : ClassLoader.getSystemClassLoader();
	}

	private MethodFingerprint combine(MethodRef root, Method method, ReachedCode reached, Map<String, String> wiring,
			CodeHasher hasher, CodeSources classPath) {
		HashStream128 stream = Hash128.newStream().putString(FORMAT).putString(hasher.canonicalName(root));
		Map<String, String> components = new TreeMap<>(wiring);
		components.put(FingerprintComponents.SALT, this.settings.salt().isEmpty() ? "" : PlainValues.hash(this.settings.salt()));
		codeVersion(components, "method", method.getAnnotation(CacheCodeVersion.class));
		codeVersion(components, "class", method.getDeclaringClass().getAnnotation(CacheCodeVersion.class));
		if (this.settings.includeLibraries()) {
			for (Library library : classPath.libraries(reached.libraryClasses())) {
				// two jars of one name (a relocated copy, say) both count
				components.merge(FingerprintComponents.LIBRARY + library.name(), library.componentValue(),
						(one, other) -> Stream.of(one, other).sorted().collect(Collectors.joining(" + ")));
			}
		}
		components.forEach((name, value) -> stream.putString(name).putString(value));
		List<String> bodies = new ArrayList<>();
		for (MethodRef reachedMethod : reached.methods()) {
			Hash128 body = hasher.bodyHash(reachedMethod);
			bodies.add(hasher.canonicalName(reachedMethod) + " " + body.hex());
			components.merge(reachedMethod.id(), body.hex(), MethodFingerprinter::sameIdBodies);
		}
		bodies.sort(null);
		stream.putInt(bodies.size());
		bodies.forEach(stream::putString);
		return new MethodFingerprint(Hash128.of(stream).hex(), components);
	}

	private static void codeVersion(Map<String, String> components, String on, @Nullable CacheCodeVersion version) {
		if (version != null) {
			components.put(FingerprintComponents.VERSION + on, version.value());
		}
	}

	/** Method ids leave out the return type, so a covariant bridge shares its id with its target. */
	private static String sameIdBodies(String one, String other) {
		HashStream128 stream = Hash128.newStream();
		Stream.of(one, other).sorted().forEach(stream::putString);
		return Hash128.of(stream).hex();
	}

	private record MethodKey(Class<?> userClass, Method method) {
	}

	private record CodebaseKey(ClassLoader classLoader, ApplicationScope scope) {
	}

}
