package dev.cachet.core.fingerprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.ConstantDynamic;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.SpringAsmInfo;

/**
 * Reads a class file into a {@link ClassFile}. Line numbers, local variable tables, frames and
 * maximums are skipped ({@code SKIP_DEBUG | SKIP_FRAMES}), so only labels that code refers to are
 * seen, and their numbers follow their first appearance.
 */
final class ClassFileParser extends ClassVisitor {

	private String name;

	private int access;

	private String superName;

	private List<String> interfaces = List.of();

	private final List<ClassFile.FieldCode> fields = new ArrayList<>();

	private final Map<String, MethodCode> methods = new LinkedHashMap<>();

	private ClassFileParser() {
		super(SpringAsmInfo.ASM_VERSION);
	}

	static ClassFile parse(byte[] classBytes) {
		ClassFileParser parser = new ClassFileParser();
		new ClassReader(classBytes).accept(parser, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
		return new ClassFile(parser.name, parser.access, parser.superName, parser.interfaces, parser.fields,
				parser.methods);
	}

	@Override
	public void visit(int version, int access, String name, String signature, String superName,
			String[] interfaces) {
		this.name = name;
		this.access = access;
		this.superName = superName;
		this.interfaces = (interfaces != null) ? List.of(interfaces) : List.of();
	}

	@Override
	public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
		this.fields.add(new ClassFile.FieldCode(access, name, descriptor, value));
		return null;
	}

	@Override
	public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
			String[] exceptions) {
		return new MethodRecorder(access, name, descriptor, signature);
	}

	/**
	 * Records one method's normalized instructions and references.
	 */
	private final class MethodRecorder extends MethodVisitor {

		private final int methodAccess;

		private final String methodName;

		private final String descriptor;

		private final String signature;

		private final List<Object> body = new ArrayList<>();

		private final List<String> annotations = new ArrayList<>();

		private final List<CodeReference> references = new ArrayList<>();

		private final Map<Label, LabelRef> labels = new HashMap<>();

		MethodRecorder(int access, String name, String descriptor, String signature) {
			super(SpringAsmInfo.ASM_VERSION);
			this.methodAccess = access;
			this.methodName = name;
			this.descriptor = descriptor;
			this.signature = signature;
		}

		@Override
		public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
			return AnnotationText.annotation("method ", descriptor, this.annotations::add);
		}

		@Override
		public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
			return AnnotationText.annotation("parameter " + parameter + " ", descriptor, this.annotations::add);
		}

		@Override
		public AnnotationVisitor visitAnnotationDefault() {
			return AnnotationText.value("default ", this.annotations::add);
		}

		@Override
		public void visitInsn(int opcode) {
			add(opcode);
		}

		@Override
		public void visitIntInsn(int opcode, int operand) {
			add(opcode, operand);
		}

		@Override
		public void visitVarInsn(int opcode, int varIndex) {
			add(opcode, varIndex);
		}

		@Override
		public void visitTypeInsn(int opcode, String type) {
			add(opcode, new ClassRef(type));
			if (opcode == Opcodes.NEW) {
				this.references.add(new CodeReference(opcode, type, null, null));
			}
		}

		@Override
		public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
			add(opcode, new FieldRef(owner, name, descriptor));
			if (opcode != Opcodes.PUTFIELD) {
				this.references.add(new CodeReference(opcode, owner, name, descriptor));
			}
		}

		@Override
		public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
			add(opcode, new MethodRef(owner, name, descriptor), isInterface);
			this.references.add(new CodeReference(opcode, owner, name, descriptor));
		}

		@Override
		public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethod,
				Object... bootstrapArguments) {
			add(Opcodes.INVOKEDYNAMIC, name, new DescriptorRef(descriptor), bootstrapMethod, bootstrapArguments.length);
			this.body.addAll(List.of(bootstrapArguments));
			referenceHandle(bootstrapMethod);
			referenceConstants(bootstrapArguments);
		}

		@Override
		public void visitJumpInsn(int opcode, Label label) {
			add(opcode, label(label));
		}

		@Override
		public void visitLabel(Label label) {
			add(CodeMarker.LABEL, label(label));
		}

		@Override
		public void visitLdcInsn(Object value) {
			add(Opcodes.LDC, value);
			referenceConstants(value);
		}

		@Override
		public void visitIincInsn(int varIndex, int increment) {
			add(Opcodes.IINC, varIndex, increment);
		}

		@Override
		public void visitTableSwitchInsn(int min, int max, Label defaultLabel, Label... targets) {
			add(Opcodes.TABLESWITCH, min, max, label(defaultLabel));
			for (Label target : targets) {
				add(label(target));
			}
		}

		@Override
		public void visitLookupSwitchInsn(Label defaultLabel, int[] keys, Label[] targets) {
			add(Opcodes.LOOKUPSWITCH, label(defaultLabel), keys.length);
			for (int i = 0; i < keys.length; i++) {
				add(keys[i], label(targets[i]));
			}
		}

		@Override
		public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
			add(Opcodes.MULTIANEWARRAY, new DescriptorRef(descriptor), numDimensions);
		}

		@Override
		public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
			add(CodeMarker.TRY_CATCH, label(start), label(end), label(handler),
					(type != null) ? new ClassRef(type) : CodeMarker.ANY_EXCEPTION);
		}

		@Override
		public void visitEnd() {
			this.annotations.sort(null);
			MethodCode code = new MethodCode(this.methodAccess, this.methodName, this.descriptor, this.signature,
					this.body, this.annotations, this.references);
			ClassFileParser.this.methods.put(this.methodName + this.descriptor, code);
		}

		private void add(Object... tokens) {
			this.body.addAll(List.of(tokens));
		}

		private LabelRef label(Label label) {
			return this.labels.computeIfAbsent(label, (key) -> new LabelRef(this.labels.size()));
		}

		private void referenceConstants(Object... constants) {
			for (Object constant : constants) {
				if (constant instanceof Handle handle) {
					referenceHandle(handle);
				}
				else if (constant instanceof ConstantDynamic dynamic) {
					referenceHandle(dynamic.getBootstrapMethod());
					for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
						referenceConstants(dynamic.getBootstrapMethodArgument(i));
					}
				}
			}
		}

		private void referenceHandle(Handle handle) {
			String owner = handle.getOwner();
			switch (handle.getTag()) {
				case Opcodes.H_NEWINVOKESPECIAL -> {
					this.references.add(new CodeReference(Opcodes.NEW, owner, null, null));
					this.references.add(new CodeReference(Opcodes.INVOKESPECIAL, owner, handle.getName(), handle.getDesc()));
				}
				case Opcodes.H_INVOKESTATIC -> this.references
					.add(new CodeReference(Opcodes.INVOKESTATIC, owner, handle.getName(), handle.getDesc()));
				case Opcodes.H_INVOKESPECIAL -> this.references
					.add(new CodeReference(Opcodes.INVOKESPECIAL, owner, handle.getName(), handle.getDesc()));
				case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE -> this.references
					.add(new CodeReference(Opcodes.INVOKEVIRTUAL, owner, handle.getName(), handle.getDesc()));
				case Opcodes.H_GETSTATIC, Opcodes.H_PUTSTATIC -> this.references
					.add(new CodeReference(Opcodes.GETSTATIC, owner, handle.getName(), handle.getDesc()));
				case Opcodes.H_GETFIELD -> this.references
					.add(new CodeReference(Opcodes.GETFIELD, owner, handle.getName(), handle.getDesc()));
				default -> {
					// writing an instance field runs no code and reads no state
				}
			}
		}

	}

}
