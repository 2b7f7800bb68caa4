package dev.cachet.core.fingerprint;

import java.util.Set;

/**
 * What a method reaches: application methods (itself included) and the library classes it calls.
 *
 * @param methods        application methods
 * @param libraryClasses internal names of classes outside the application that code may run in
 */
record ReachedCode(Set<MethodRef> methods, Set<String> libraryClasses) {

	ReachedCode {
		methods = Set.copyOf(methods);
		libraryClasses = Set.copyOf(libraryClasses);
	}

}
