package dev.cachet.core.hash;

/** Recognizes classes of the JDK, whose fields are internals Cachet must not reflect into. */
final class JdkClasses {

	private static final String[] PREFIXES = { "java.", "javax.", "jdk.", "sun.", "com.sun." };

	private JdkClasses() {
	}

	static boolean isJdk(Class<?> type) {
		String name = type.getName();
		for (String prefix : PREFIXES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
