package dev.cachet.core.codec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the gadget classes did, recorded as {@code "event@loader"}. Lives outside the gadget package so
 * that every class loader in a test shares it.
 */
public final class GadgetEvents {

	private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

	private GadgetEvents() {
	}

	public static void record(String event, Class<?> gadgetClass) {
		EVENTS.add(event + "@" + gadgetClass.getClassLoader().getName());
	}

	public static List<String> byLoader(String loaderName) {
		return EVENTS.stream().filter((event) -> event.endsWith("@" + loaderName)).toList();
	}

}
