package dev.cachet.core.fingerprint;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.asm.Type;

/**
 * A method as the class file names it: internal owner name, method name and descriptor.
 */
record MethodRef(String owner, String name, String descriptor) implements Comparable<MethodRef> {

	static final String CLASS_INITIALIZER = "<clinit>";

	static MethodRef classInitializer(String owner) {
		return new MethodRef(owner, CLASS_INITIALIZER, "()V");
	}

	/** The method id used in {@link MethodFingerprint#reached()}: {@code com.acme.Svc#load(java.lang.String,int)}. */
	String id() {
		String parameters = Arrays.stream(Type.getArgumentTypes(this.descriptor))
			.map(Type::getClassName)
			.collect(Collectors.joining(","));
		return this.owner.replace('/', '.') + "#" + this.name + "(" + parameters + ")";
	}

	@Override
	public int compareTo(MethodRef other) {
		int byOwner = this.owner.compareTo(other.owner);
		if (byOwner != 0) {
			return byOwner;
		}
		int byName = this.name.compareTo(other.name);
		return (byName != 0) ? byName : this.descriptor.compareTo(other.descriptor);
	}

}
