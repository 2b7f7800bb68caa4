package dev.cachet.core.fingerprint;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fingerprint computed after the objects a bean holds were changed sees them as they were when
 * their state was captured, until the capture is forgotten.
 */
class CapturedStateTests extends FingerprintTestSupport {

	private static final String ROUTER = """
			package com.acme;

			import java.util.ArrayList;
			import java.util.List;

			public class Router {
				public final List<Object> handlers = new ArrayList<>();

				public Object fallback;

				public String route(String path) {
					return path + handlers.size() + (fallback != null);
				}
			}
			""";

	private static final String HANDLER = """
			package com.acme;

			public class Handler {
			}
			""";

	private static final String OTHER_HANDLER = """
			package com.acme;

			public class OtherHandler {
			}
			""";

	@Test
	void fieldsAndCollectionsChangedAfterTheCaptureAreSeenAsCaptured() throws Exception {
		ClassLoader loader = load(ROUTER, HANDLER, OTHER_HANDLER);
		String asWired = fingerprint(newFingerprinter(), newRouter(loader));

		MethodFingerprinter capturing = newFingerprinter();
		Object router = newRouter(loader);
		capturing.captureState(router.getClass(), router);
		change(router, loader);

		assertThat(fingerprint(capturing, router)).isEqualTo(asWired);
		assertThat(fingerprint(newFingerprinter(), router)).as("the change counts when read as it is")
			.isNotEqualTo(asWired);
	}

	@Test
	void afterForgettingObjectsAreReadAsTheyAre() throws Exception {
		ClassLoader loader = load(ROUTER, HANDLER, OTHER_HANDLER);
		Object changed = newRouter(loader);
		change(changed, loader);
		String asChanged = fingerprint(newFingerprinter(), changed);

		MethodFingerprinter forgetting = newFingerprinter();
		Object router = newRouter(loader);
		forgetting.captureState(router.getClass(), router);
		change(router, loader);
		forgetting.forgetCapturedState();

		assertThat(fingerprint(forgetting, router)).isEqualTo(asChanged);
	}

	private static MethodFingerprinter newFingerprinter() {
		return new MethodFingerprinter(new FingerprintSettings(List.of("com.acme"), true, ""));
	}

	private static Object newRouter(ClassLoader loader) throws Exception {
		Object router = Class.forName("com.acme.Router", true, loader).getConstructor().newInstance();
		handlers(router).add(Class.forName("com.acme.Handler", true, loader).getConstructor().newInstance());
		return router;
	}

	/** Adds a handler of another class and sets the fallback: both count when read live. */
	private static void change(Object router, ClassLoader loader) throws Exception {
		handlers(router).add(Class.forName("com.acme.OtherHandler", true, loader).getConstructor().newInstance());
		router.getClass().getField("fallback").set(router, new StringBuilder());
	}

	@SuppressWarnings("unchecked")
	private static List<Object> handlers(Object router) throws Exception {
		return (List<Object>) router.getClass().getField("handlers").get(router);
	}

	private static String fingerprint(MethodFingerprinter fingerprinter, Object router) {
		Method route = method(router.getClass(), "route");
		return fingerprinter.fingerprint(router.getClass(), route, router).hash();
	}

}
