package dev.cachet.core.fingerprint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.asm.Opcodes;

/**
 * Walks from a method to everything it may run inside the application: called methods (for virtual
 * and interface calls, every override in the application too), lambda and method-reference
 * targets, all instance methods of the application classes it instantiates, and the static
 * initializers of classes it initializes. A visited set makes cycles terminate; the result is a set,
 * so it does not depend on the order of the walk.
 */
final class CallGraph {

	private final ClassFiles classes;

	private final TypeHierarchy hierarchy;

	private final ApplicationScope scope;

	CallGraph(ClassFiles classes, TypeHierarchy hierarchy, ApplicationScope scope) {
		this.classes = classes;
		this.hierarchy = hierarchy;
		this.scope = scope;
	}

	ReachedCode walk(MethodRef root) {
		return new Walk().from(root);
	}

	/**
	 * One walk's state.
	 */
	private final class Walk {

		private final Set<MethodRef> reached = new TreeSet<>();

		private final Set<String> libraryClasses = new TreeSet<>();

		private final Deque<MethodRef> pending = new ArrayDeque<>();

		ReachedCode from(MethodRef root) {
			reach(root);
			while (!this.pending.isEmpty()) {
				for (CodeReference reference : CallGraph.this.classes.requireMethod(this.pending.poll()).references()) {
					follow(reference);
				}
			}
			return new ReachedCode(this.reached, this.libraryClasses);
		}

		private void reach(MethodRef method) {
			if (this.reached.add(method)) {
				this.pending.add(method);
			}
		}

		private void follow(CodeReference reference) {
			String owner = reference.owner();
			if (!CallGraph.this.scope.contains(owner)) {
				this.libraryClasses.add(owner);
				return;
			}
			switch (reference.opcode()) {
				case Opcodes.INVOKESTATIC -> {
					initialize(owner);
					resolve(owner, reference.name(), reference.descriptor());
				}
				case Opcodes.INVOKESPECIAL -> resolve(owner, reference.name(), reference.descriptor());
				case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE -> {
					resolve(owner, reference.name(), reference.descriptor());
					overrides(owner, reference.name(), reference.descriptor());
				}
				case Opcodes.GETSTATIC, Opcodes.PUTSTATIC -> initialize(owner);
				case Opcodes.NEW -> instantiate(owner);
				default -> throw new IllegalStateException("Unexpected reference opcode " + reference.opcode());
			}
		}

		/** The declaration a call names: in the class, else up its superclasses, else default methods. */
		private void resolve(String owner, String name, String descriptor) {
			String type = owner;
			while (type != null && CallGraph.this.scope.contains(type)) {
				ClassFile classFile = CallGraph.this.classes.require(type);
				if (classFile.method(name, descriptor) != null) {
					reach(new MethodRef(type, name, descriptor));
					return;
				}
				type = classFile.superName();
			}
			if (type != null) {
				this.libraryClasses.add(type);
			}
			resolveInInterfaces(owner, name, descriptor);
		}

		private void resolveInInterfaces(String owner, String name, String descriptor) {
			Set<String> seen = new HashSet<>();
			Deque<String> types = new ArrayDeque<>();
			types.add(owner);
			while (!types.isEmpty()) {
				String type = types.poll();
				if (!seen.add(type)) {
					continue;
				}
				if (!CallGraph.this.scope.contains(type)) {
					this.libraryClasses.add(type);
					continue;
				}
				ClassFile classFile = CallGraph.this.classes.require(type);
				if (classFile.isInterface() && classFile.method(name, descriptor) != null) {
					reach(new MethodRef(type, name, descriptor));
				}
				if (classFile.superName() != null) {
					types.add(classFile.superName());
				}
				types.addAll(classFile.interfaces());
			}
		}

		private void overrides(String owner, String name, String descriptor) {
			for (String subtype : CallGraph.this.hierarchy.subtypes(owner)) {
				ClassFile classFile = CallGraph.this.classes.require(subtype);
				MethodCode override = classFile.method(name, descriptor);
				if (override != null && !override.isStatic()) {
					reach(new MethodRef(subtype, name, descriptor));
				}
				if (classFile.superName() != null && !CallGraph.this.scope.contains(classFile.superName())) {
					// an inherited library implementation may be the one that runs
					this.libraryClasses.add(classFile.superName());
				}
			}
		}

		/** Class initialization runs the static initializers of the class and its superclasses. */
		private void initialize(String owner) {
			String type = owner;
			while (type != null && CallGraph.this.scope.contains(type)) {
				ClassFile classFile = CallGraph.this.classes.require(type);
				if (classFile.method(MethodRef.CLASS_INITIALIZER, "()V") != null) {
					reach(MethodRef.classInitializer(type));
				}
				type = classFile.superName();
			}
		}

		/**
		 * An instance may be handed to library code that calls any of its methods (a
		 * {@code Runnable}, a {@code Comparator}), so all its instance methods count.
		 */
		private void instantiate(String owner) {
			initialize(owner);
			String type = owner;
			while (type != null && CallGraph.this.scope.contains(type)) {
				ClassFile classFile = CallGraph.this.classes.require(type);
				for (MethodCode method : classFile.methods().values()) {
					if (!method.isStatic()) {
						reach(new MethodRef(type, method.name(), method.descriptor()));
					}
				}
				type = classFile.superName();
			}
			if (type != null) {
				this.libraryClasses.add(type);
			}
		}

	}

}
