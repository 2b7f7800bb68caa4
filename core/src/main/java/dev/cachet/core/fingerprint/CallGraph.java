package dev.cachet.core.fingerprint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.springframework.asm.Opcodes;

/**
 * Walks from methods to everything they may run inside the application: called methods (for
 * virtual and interface calls, every override in the application too), lambda and
 * method-reference targets, all instance methods of the application classes they instantiate, and
 * the static initializers of classes they initialize, including an interface whose static field is
 * read through an implementing class. It also collects the instance fields the code reads, which
 * the runtime walk follows. A visited set makes cycles terminate; the result is a set, so it does
 * not depend on the order of the walk.
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
		Walk walk = start();
		walk.reach(root);
		return walk.drain();
	}

	/** A walk that more roots can join after it has drained: see {@link ObjectGraphWalk}. */
	Walk start() {
		return new Walk();
	}

	boolean inScope(String internalName) {
		return this.scope.contains(internalName);
	}

	/**
	 * One walk's state.
	 */
	final class Walk {

		private final Set<MethodRef> reached = new TreeSet<>();

		private final Set<String> libraryClasses = new TreeSet<>();

		private final Set<FieldRef> fieldsRead = new HashSet<>();

		private final Deque<MethodRef> pending = new ArrayDeque<>();

		/** Classes of beans a factory method builds: the container, not library code, holds those. */
		private final Set<String> containerMade = new HashSet<>();

		/** Follows everything reached since the last drain; returns all reached so far. */
		ReachedCode drain() {
			while (!this.pending.isEmpty()) {
				for (CodeReference reference : CallGraph.this.classes.requireMethod(this.pending.poll()).references()) {
					follow(reference);
				}
			}
			return new ReachedCode(this.reached, this.libraryClasses);
		}

		/** Instance fields read by the code reached so far, as the instructions name them. */
		Set<FieldRef> fieldsRead() {
			return this.fieldsRead;
		}

		/** A library class whose identity counts: an injected library object, a factory outside. */
		void library(String internalName) {
			this.libraryClasses.add(internalName);
		}

		/** Creating an instance: its class initialization and every constructor up its hierarchy. */
		void reachConstructors(String type) {
			initialize(type);
			forHierarchy(type, (name, classFile) -> {
				for (MethodCode method : classFile.methods().values()) {
					if (method.name().equals("<init>")) {
						reach(new MethodRef(name, method.name(), method.descriptor()));
					}
				}
			});
		}

		/**
		 * The {@code @Bean} method that made a bean of class {@code madeType}. The bean itself is
		 * walked as an object, so its instantiation there counts its constructors, not every method.
		 */
		void reachFactory(MethodRef factory, String madeType) {
			this.containerMade.add(madeType);
			reach(factory);
		}

		/**
		 * The bodies of every lambda {@code host} declares: a lambda object's own class is generated
		 * at run time and has no class file, so which of them it runs cannot be told.
		 */
		void reachLambdaBodies(String host) {
			if (!CallGraph.this.scope.contains(host)) {
				this.libraryClasses.add(host);
				return;
			}
			for (MethodCode method : CallGraph.this.classes.require(host).methods().values()) {
				if (method.name().startsWith("lambda$")) {
					reach(new MethodRef(host, method.name(), method.descriptor()));
				}
			}
		}

		void reach(MethodRef method) {
			if (this.reached.add(method)) {
				this.pending.add(method);
			}
		}

		private void follow(CodeReference reference) {
			String owner = reference.owner();
			if (!CallGraph.this.scope.contains(owner)) {
				if (reference.opcode() != Opcodes.GETFIELD) {
					this.libraryClasses.add(owner);
				}
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
				case Opcodes.GETSTATIC, Opcodes.PUTSTATIC -> initializeDeclarer(owner, reference.name());
				case Opcodes.GETFIELD -> this.fieldsRead.add(new FieldRef(owner, reference.name(), reference.descriptor()));
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
		void instantiate(String owner) {
			if (this.containerMade.contains(owner)) {
				reachConstructors(owner);
				return;
			}
			initialize(owner);
			forHierarchy(owner, (name, classFile) -> {
				for (MethodCode method : classFile.methods().values()) {
					if (!method.isStatic()) {
						reach(new MethodRef(name, method.name(), method.descriptor()));
					}
				}
			});
		}

		/**
		 * A static field access initializes the class that declares the field, which javac may not
		 * name: a constant of an interface read through an implementing class, a field inherited
		 * from a superclass. Field resolution looks in the class, its interfaces, then upwards.
		 */
		private void initializeDeclarer(String owner, String field) {
			initialize(owner);
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
				if (classFile.declaresField(field)) {
					initialize(type);
					return;
				}
				types.addAll(classFile.interfaces());
				if (classFile.superName() != null) {
					types.add(classFile.superName());
				}
			}
		}

		/** Visits the class and its superclasses inside the application; the first outside is a library. */
		private void forHierarchy(String type, BiConsumer<String, ClassFile> action) {
			String current = type;
			while (current != null && CallGraph.this.scope.contains(current)) {
				ClassFile classFile = CallGraph.this.classes.require(current);
				action.accept(current, classFile);
				current = classFile.superName();
			}
			if (current != null) {
				this.libraryClasses.add(current);
			}
		}

	}

}
