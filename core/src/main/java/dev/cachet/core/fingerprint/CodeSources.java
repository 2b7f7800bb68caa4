package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.function.SingletonSupplier;

/**
 * Where the classes one class loader sees come from: which are project code (class directories and
 * {@code -SNAPSHOT} jars, followed and hashed like the application's packages) and which libraries
 * the others belong to, with the libraries those depend on. Memoized; thread-safe.
 */
final class CodeSources {

	private static final Logger logger = LoggerFactory.getLogger(CodeSources.class);

	/** A snapshot build by Maven's naming: {@code -SNAPSHOT}, or a timestamped deploy of one. */
	private static final Pattern SNAPSHOT_FILE = Pattern.compile(".*-(SNAPSHOT|\\d{8}\\.\\d{6}-\\d+)\\.jar");

	private final ClassLoader classLoader;

	private final Map<String, Optional<CodeLocation>> locations = new ConcurrentHashMap<>();

	private final Map<String, JarFacts> jars = new ConcurrentHashMap<>();

	private final Map<String, Optional<CodeLocation>> byCoordinates = new ConcurrentHashMap<>();

	private final SingletonSupplier<List<CodeLocation>> roots = SingletonSupplier.of(this::findRoots);

	/** Jars with code but no Maven metadata, leaving out the tooling Spring Boot adds to executable jars. */
	private final SingletonSupplier<List<CodeLocation>> withoutMetadata = SingletonSupplier.of(() -> jarRoots()
		.filter((jar) -> !jar.fileName().startsWith("spring-boot-jarmode-")
				&& !jar.fileName().startsWith("spring-boot-loader") && codeWithoutMetadata(jar))
		.toList());


	CodeSources(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/** Where the class file of {@code internalName} is; empty when the class loader has none. */
	Optional<CodeLocation> locate(String internalName) {
		if (internalName.startsWith("[") || internalName.startsWith("java/")) {
			return Optional.of(CodeLocation.JDK);
		}
		return this.locations.computeIfAbsent(internalName, (name) -> {
			URL resource = this.classLoader.getResource(name + ".class");
			return (resource != null) ? Optional.of(CodeLocation.of(resource, name + ".class")) : Optional.empty();
		});
	}

	/** Class directories and snapshot jars (by their file name, without opening them): the project's own build. */
	boolean isProjectCode(CodeLocation location) {
		return switch (location.kind()) {
			case JDK -> false;
			case DIRECTORY -> true;
			case JAR -> SNAPSHOT_FILE.matcher(location.fileName()).matches();
		};
	}

	private boolean codeWithoutMetadata(CodeLocation jar) {
		try {
			return JarFacts.codeWithoutMetadata(jar);
		}
		catch (IOException | RuntimeException ex) {
			return true; // unreadable: counted, and identified as unidentified
		}
	}

	/** Every directory and jar on the class path, in class path order. */
	List<CodeLocation> roots() {
		return this.roots.obtain();
	}

	/**
	 * The libraries the given classes come from, each with the libraries it declares as
	 * dependencies, transitively. A jar without Maven metadata declares none that can be read, so it
	 * brings every other such jar along: coarse, but an upgrade it depends on is never missed.
	 */
	Set<Library> libraries(Collection<String> libraryClasses) {
		Set<Library> found = new HashSet<>();
		Deque<CodeLocation> pending = new ArrayDeque<>();
		for (String libraryClass : libraryClasses) {
			Optional<CodeLocation> location = locate(libraryClass);
			if (location.isEmpty()) {
				found.add(new Library("absent " + libraryClass.replace('/', '.'), "absent", ""));
			}
			else if (location.get().kind() == CodeLocation.Kind.JDK) {
				found.add(Library.JDK);
			}
			else if (location.get().kind() == CodeLocation.Kind.JAR) {
				pending.add(location.get());
			}
		}
		Set<String> seen = new HashSet<>();
		while (!pending.isEmpty()) {
			CodeLocation jar = pending.poll();
			if (!seen.add(jar.root())) {
				continue;
			}
			JarFacts facts = facts(jar);
			found.add(facts.library());
			if (facts.dependencies() == null) {
				pending.addAll(this.withoutMetadata.obtain());
			}
			else {
				facts.dependencies().forEach((coordinates) -> findJar(coordinates).ifPresent(pending::add));
			}
		}
		return found;
	}

	private JarFacts facts(CodeLocation jar) {
		return this.jars.computeIfAbsent(jar.root(), (root) -> {
			try {
				return JarFacts.read(jar);
			}
			catch (IOException | RuntimeException ex) {
				// a library that cannot be identified must never give a hit in a later run
				logger.warn("Cannot identify the library at {}; methods calling it are cached for this run only",
						root, ex);
				return new JarFacts(new Library(jar.fileName(), "unidentified", UUID.randomUUID().toString()), Set.of());
			}
		});
	}

	/** By its Maven metadata; else, for a jar without any, by Maven's file name convention. */
	private Optional<CodeLocation> findJar(String coordinates) {
		return this.byCoordinates.computeIfAbsent(coordinates, (key) -> {
			String[] parts = key.split(":", 2);
			String pom = "META-INF/maven/" + parts[0] + "/" + parts[1] + "/pom.properties";
			URL resource = this.classLoader.getResource(pom);
			if (resource != null) {
				CodeLocation location = CodeLocation.of(resource, pom);
				if (location.kind() == CodeLocation.Kind.JAR) {
					return Optional.of(location);
				}
			}
			Pattern fileName = Pattern.compile(Pattern.quote(parts[1]) + "-\\d.*\\.jar");
			return jarRoots().filter((jar) -> fileName.matcher(jar.fileName()).matches()).findFirst();
		});
	}

	private Stream<CodeLocation> jarRoots() {
		return this.roots.obtain().stream().filter((root) -> root.kind() == CodeLocation.Kind.JAR);
	}

	private List<CodeLocation> findRoots() {
		List<CodeLocation> found = new ArrayList<>();
		try {
			for (Resource root : new PathMatchingResourcePatternResolver(this.classLoader).getResources("classpath*:")) {
				found.add(CodeLocation.of(root.getURL(), ""));
			}
		}
		catch (IOException ex) {
			throw new UnreadableCodeException("cannot list the class path", ex);
		}
		return found;
	}

}
