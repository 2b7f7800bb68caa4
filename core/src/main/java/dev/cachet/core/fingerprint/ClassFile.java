package dev.cachet.core.fingerprint;

import java.util.List;
import java.util.Map;

import org.springframework.asm.Opcodes;

/**
 * The parts of a class file that make up its behaviour, with debug information left out.
 *
 * @param name       internal name
 * @param access     class access flags
 * @param superName  internal name of the superclass, {@code null} for {@code java/lang/Object}
 * @param interfaces internal names of the directly implemented interfaces
 * @param fields     declared fields, in class file order
 * @param methods    declared methods by {@code name + descriptor}, in class file order
 */
record ClassFile(String name, int access, String superName, List<String> interfaces, List<FieldCode> fields,
		Map<String, MethodCode> methods) {

	ClassFile {
		interfaces = List.copyOf(interfaces);
		fields = List.copyOf(fields);
	}

	MethodCode method(String methodName, String descriptor) {
		return this.methods.get(methodName + descriptor);
	}

	boolean declaresField(String fieldName) {
		return this.fields.stream().anyMatch((field) -> field.name().equals(fieldName));
	}

	boolean isInterface() {
		return (this.access & Opcodes.ACC_INTERFACE) != 0;
	}

	/**
	 * A declared field.
	 *
	 * @param constantValue the {@code ConstantValue} attribute (a compile-time constant), or
	 *                      {@code null}
	 */
	record FieldCode(int access, String name, String descriptor, Object constantValue) {
	}

}
