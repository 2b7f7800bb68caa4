package dev.cachet.core.fingerprint;

/**
 * The application code seen through one class loader and one application scope, with its parse,
 * scan and hash memos.
 */
record Codebase(CallGraph callGraph, CodeHasher hasher) {

	static Codebase of(ClassLoader classLoader, ApplicationScope scope) {
		ClassFiles classes = new ClassFiles(classLoader);
		return new Codebase(new CallGraph(classes, new TypeHierarchy(classLoader, scope), scope),
				new CodeHasher(classes, scope));
	}

}
