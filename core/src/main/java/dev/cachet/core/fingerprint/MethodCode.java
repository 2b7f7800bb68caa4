package dev.cachet.core.fingerprint;

import java.util.List;

import org.springframework.asm.Opcodes;

/**
 * One method of a {@link ClassFile}: its normalized body as a token stream, and what it reaches.
 *
 * @param access      method access flags
 * @param name        method name
 * @param descriptor  method descriptor
 * @param signature   generic signature, or {@code null}
 * @param body        normalized instructions: opcodes and operands ({@link ClassRef},
 *                    {@link FieldRef}, {@link MethodRef}, {@link DescriptorRef}, {@link LabelRef},
 *                    {@link CodeMarker}, constants, ASM {@code Type}/{@code Handle}/
 *                    {@code ConstantDynamic}); empty when the method has no code
 * @param annotations canonical text of the annotations on the method and its parameters, sorted
 * @param references  calls, static field accesses and instantiations in the body, in order
 */
record MethodCode(int access, String name, String descriptor, String signature, List<Object> body,
		List<String> annotations, List<CodeReference> references) {

	MethodCode {
		body = List.copyOf(body);
		annotations = List.copyOf(annotations);
		references = List.copyOf(references);
	}

	boolean hasCode() {
		return !this.body.isEmpty();
	}

	boolean isStatic() {
		return (this.access & Opcodes.ACC_STATIC) != 0;
	}

}
