package dev.cachet.core.fingerprint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.dynatrace.hash4j.hashing.HashStream128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.asm.Type;

/**
 * Computes code fingerprints from the original class bytes of application classes: the normalized
 * body of the method and of every application method it reaches, the identity of the libraries it
 * calls, {@link CacheCodeVersion} and the global salt. Line numbers, local variable names, frames
 * and javac's numbering of lambdas and anonymous classes do not count.
 * <p>
 * When the code cannot be read, the fingerprint is random for this JVM run (so it never matches a
 * result of another run) and one warning names the method. Thread-safe.
 * <p>
 * Not seen: code that reaches the method only as an argument or an injected object created
 * elsewhere (a lambda bean behind an application interface, a callback passed in), data files and
 * remote services ({@link CacheCodeVersion} covers those), and {@code @CacheCodeVersion} on reached
 * helpers (only the method's and its declaring class's count). Methods without code (a Spring Data
 * repository method) count by their declaration: name, descriptor, generic signature and
 * annotations with their values.
 */
public class MethodFingerprinter {

	private static final Logger logger = LoggerFactory.getLogger(MethodFingerprinter.class);

	/** Changes whenever what goes into a fingerprint changes, retiring all earlier fingerprints. */
	private static final String FORMAT = "cachet-method-fingerprint-1";

	private final FingerprintSettings settings;

	private final LibraryIdentities libraries = new LibraryIdentities();

	private final Map<CodebaseKey, Codebase> codebases = new ConcurrentHashMap<>();

	private final Map<MethodKey, MethodFingerprint> fingerprints = new ConcurrentHashMap<>();

	public MethodFingerprinter(FingerprintSettings settings) {
		this.settings = settings;
	}

	/**
	 * Fingerprints {@code method}, already resolved to the most specific, non-bridge method of the
	 * user class {@code userClass} (no proxy classes). Memoized: cheap after the first call, and the
	 * same instance is returned. Never throws for unreadable code.
	 */
	public MethodFingerprint fingerprint(Class<?> userClass, Method method) {
		MethodKey key = new MethodKey(userClass, method);
		MethodFingerprint known = this.fingerprints.get(key);
		if (known != null) {
			return known;
		}
		MethodFingerprint computed = compute(userClass, method);
		MethodFingerprint raced = this.fingerprints.putIfAbsent(key, computed);
		return (raced != null) ? raced : computed;
	}

	private MethodFingerprint compute(Class<?> userClass, Method method) {
		MethodRef root = new MethodRef(Type.getInternalName(method.getDeclaringClass()), method.getName(),
				Type.getMethodDescriptor(method));
		try {
			ClassLoader classLoader = (userClass.getClassLoader() != null) ? userClass.getClassLoader()
					: ClassLoader.getSystemClassLoader();
			ApplicationScope scope = ApplicationScope.of(this.settings, userClass);
			Codebase codebase = this.codebases.computeIfAbsent(new CodebaseKey(classLoader, scope),
					(key) -> Codebase.of(classLoader, scope));
			ReachedCode reached = codebase.callGraph().walk(root);
			return combine(root, method, reached, codebase.hasher(), classLoader);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot fingerprint the code of {}: its cached results will not be reused by another run ({})",
					root.id(), ex.toString());
			return new MethodFingerprint(UUID.randomUUID().toString().replace("-", ""), Map.of());
		}
	}

	private MethodFingerprint combine(MethodRef root, Method method, ReachedCode reached, CodeHasher hasher,
			ClassLoader classLoader) {
		HashStream128 stream = Hash128.newStream().putString(FORMAT).putString(this.settings.salt());
		stream.putString(codeVersion(method.getAnnotation(CacheCodeVersion.class)));
		stream.putString(codeVersion(method.getDeclaringClass().getAnnotation(CacheCodeVersion.class)));
		stream.putString(hasher.canonicalName(root));
		Map<String, String> bodiesById = new HashMap<>();
		List<String> bodies = new ArrayList<>();
		for (MethodRef reachedMethod : reached.methods()) {
			Hash128 body = hasher.bodyHash(reachedMethod);
			bodies.add(hasher.canonicalName(reachedMethod) + " " + body.hex());
			bodiesById.merge(reachedMethod.id(), body.hex(), MethodFingerprinter::sameIdBodies);
		}
		bodies.sort(null);
		stream.putInt(bodies.size());
		bodies.forEach(stream::putString);
		Set<String> libraryIds = new TreeSet<>();
		if (this.settings.includeLibraries()) {
			for (String libraryClass : reached.libraryClasses()) {
				libraryIds.add(this.libraries.identify(classLoader, libraryClass));
			}
		}
		stream.putInt(libraryIds.size());
		libraryIds.forEach(stream::putString);
		return new MethodFingerprint(Hash128.of(stream).hex(), bodiesById);
	}

	private static String codeVersion(CacheCodeVersion version) {
		return (version != null) ? "version " + version.value() : "";
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
