package dev.cachet.core.codec;

import org.apache.fory.exception.InsecureException;
import org.apache.fory.resolver.TypeChecker;
import org.apache.fory.resolver.TypeResolver;

/**
 * Fory's hook for a {@link ClassAllowlist}. It throws instead of answering {@code false}: Fory 0.13
 * consults the checker by name before loading a class read from the bytes but ignores a {@code false}
 * there, checking the answer again only after {@code Class.forName} has loaded the class. Throwing
 * refuses the class before it is loaded.
 */
final class AllowlistTypeChecker implements TypeChecker {

	private final ClassAllowlist allowlist;

	AllowlistTypeChecker(ClassAllowlist allowlist) {
		this.allowlist = allowlist;
	}

	@Override
	public boolean checkType(TypeResolver resolver, String className) {
		if (!this.allowlist.isAllowed(className)) {
			throw new InsecureException("Class " + className + " is not in Cachet's codec allowlist"
					+ " (add its package to cachet.codec.allowed-packages if it is a value type)");
		}
		return true;
	}

}
