package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The original class files visible to one class loader, read as resources (never a proxy's or an
 * agent's rewritten bytes) and parsed once.
 */
final class ClassFiles {

	private final ClassLoader classLoader;

	private final Map<String, Optional<ClassFile>> parsed = new ConcurrentHashMap<>();

	ClassFiles(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/** The class file of {@code internalName}, or empty when there is no such resource. */
	Optional<ClassFile> find(String internalName) {
		return this.parsed.computeIfAbsent(internalName, this::read);
	}

	ClassFile require(String internalName) {
		return find(internalName)
			.orElseThrow(() -> new UnreadableCodeException("no class file for " + internalName.replace('/', '.')));
	}

	MethodCode requireMethod(MethodRef method) {
		MethodCode code = require(method.owner()).method(method.name(), method.descriptor());
		if (code == null) {
			throw new UnreadableCodeException("no method " + method.id() + " in its class file");
		}
		return code;
	}

	private Optional<ClassFile> read(String internalName) {
		try (InputStream in = this.classLoader.getResourceAsStream(internalName + ".class")) {
			return (in != null) ? Optional.of(ClassFileParser.parse(in.readAllBytes())) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UnreadableCodeException("cannot read the class file of " + internalName.replace('/', '.'), ex);
		}
	}

}
