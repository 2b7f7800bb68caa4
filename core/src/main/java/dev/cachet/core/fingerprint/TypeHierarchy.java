package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.asm.ClassReader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.function.SingletonSupplier;

/**
 * Subclasses and implementations inside the application scope (its packages and the project's
 * class directories and snapshot jars), found by scanning their class files once (headers only) on
 * first need: a virtual or interface call may run any of them.
 */
final class TypeHierarchy {

	private final ClassLoader classLoader;

	private final ApplicationScope scope;

	private final SingletonSupplier<Map<String, Set<String>>> directSubtypes = SingletonSupplier.of(this::scan);

	TypeHierarchy(ClassLoader classLoader, ApplicationScope scope) {
		this.classLoader = classLoader;
		this.scope = scope;
	}

	/** Every application type below {@code internalName}, direct or not, sorted. */
	Set<String> subtypes(String internalName) {
		Map<String, Set<String>> direct = this.directSubtypes.obtain();
		Set<String> found = new TreeSet<>();
		Deque<String> pending = new ArrayDeque<>(direct.getOrDefault(internalName, Set.of()));
		while (!pending.isEmpty()) {
			String type = pending.poll();
			if (found.add(type)) {
				pending.addAll(direct.getOrDefault(type, Set.of()));
			}
		}
		return found;
	}

	private Map<String, Set<String>> scan() {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(this.classLoader);
		Map<String, Set<String>> subtypes = new HashMap<>();
		List<String> patterns = new ArrayList<>();
		for (String packagePath : this.scope.packagePaths()) {
			patterns.add(packagePath.isEmpty() ? "classpath*:*.class" : "classpath*:" + packagePath + "/**/*.class");
		}
		for (CodeLocation root : this.scope.projectRoots()) {
			patterns.add(root.url() + "**/*.class");
		}
		try {
			for (String pattern : patterns) {
				for (Resource resource : resolver.getResources(pattern)) {
					ClassReader header = readHeader(resource);
					if (!this.scope.contains(header.getClassName())) {
						continue;
					}
					if (header.getSuperName() != null) {
						subtypes.computeIfAbsent(header.getSuperName(), (key) -> new TreeSet<>()).add(header.getClassName());
					}
					for (String implemented : header.getInterfaces()) {
						subtypes.computeIfAbsent(implemented, (key) -> new TreeSet<>()).add(header.getClassName());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UnreadableCodeException("cannot scan the application's code " + patterns, ex);
		}
		return subtypes;
	}

	private static ClassReader readHeader(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return new ClassReader(in.readAllBytes());
		}
	}

}
