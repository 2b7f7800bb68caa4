package dev.cachet.core.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Defines the classes of one package itself, from the parent's class files, so that their loading and
 * initialization in this loader are observable; delegates everything else to the parent. Records every
 * class name it is asked for.
 */
final class IsolatingClassLoader extends ClassLoader {

	private final String isolatedPackage;

	private final List<String> requested = new CopyOnWriteArrayList<>();

	IsolatingClassLoader(String name, String isolatedPackage) {
		super(name, IsolatingClassLoader.class.getClassLoader());
		this.isolatedPackage = isolatedPackage + ".";
	}

	List<String> requested() {
		return this.requested;
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		this.requested.add(name);
		if (!name.startsWith(this.isolatedPackage)) {
			return super.loadClass(name, resolve);
		}
		synchronized (getClassLoadingLock(name)) {
			Class<?> loaded = findLoadedClass(name);
			if (loaded == null) {
				byte[] bytes = classFile(name);
				loaded = defineClass(name, bytes, 0, bytes.length);
			}
			return loaded;
		}
	}

	private byte[] classFile(String name) throws ClassNotFoundException {
		try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
			if (in == null) {
				throw new ClassNotFoundException(name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
