package dev.cachet.core.codec.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

import dev.cachet.core.codec.GadgetEvents;

/**
 * Stands for a class an attacker would like a decoder to instantiate: its static initializer,
 * constructor and {@code readObject} record that they ran. Deliberately outside the test allowlist's
 * package.
 */
public class Gadget implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	static {
		GadgetEvents.record("clinit", Gadget.class);
	}

	private final String command;

	public Gadget(String command) {
		this.command = command;
		GadgetEvents.record("constructor", Gadget.class);
	}

	public String command() {
		return this.command;
	}

	@Serial
	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		GadgetEvents.record("readObject", Gadget.class);
		in.defaultReadObject();
	}

}
