package dev.cachet.autoconfigure.reliability.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * Stands for a class an attacker wants a decoder to instantiate. Its static initializer, constructor
 * and {@code readObject} each append the name of the class loader that defined it to a system property
 * ({@value #EVENTS_PREFIX}{@code clinit}, {@code constructor}, {@code readObject}), so a test can tell
 * whether it ran in the application's class loader ({@code app}). Outside the codec's allowlist.
 */
public class Gadget implements Serializable {

	public static final String EVENTS_PREFIX = "cachet.test.gadget.";

	@Serial
	private static final long serialVersionUID = 1L;

	static {
		record("clinit");
	}

	private final String command;

	public Gadget(String command) {
		this.command = command;
		record("constructor");
	}

	public String command() {
		return this.command;
	}

	@Serial
	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		record("readObject");
		in.defaultReadObject();
	}

	private static void record(String event) {
		String property = EVENTS_PREFIX + event;
		System.setProperty(property, System.getProperty(property, "") + Gadget.class.getClassLoader().getName() + ";");
	}

}
