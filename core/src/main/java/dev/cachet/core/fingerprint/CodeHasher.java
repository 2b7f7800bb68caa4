package dev.cachet.core.fingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.dynatrace.hash4j.hashing.HashStream128;
import org.springframework.asm.ConstantDynamic;
import org.springframework.asm.Handle;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

/**
 * Hashes normalized method bodies, writing every class and method they name canonically: names
 * javac numbers per class (lambdas, anonymous and local classes) are replaced by the hash of what
 * they name, so adding a lambda or an anonymous class elsewhere in a class changes nothing.
 * <p>
 * Synthetic classes can refer to each other in cycles (a nested anonymous class and its outer
 * one). Such a reference is written as a back reference to the entity still being hashed; a
 * content hash is memoized only when its computation made no back reference to an enclosing one,
 * so memoized values never depend on where hashing started.
 */
final class CodeHasher {

	/** Stands for the class whose code is being written. */
	private static final String HOME = "~";

	/** Stands for the synthetic method whose code is being written. */
	private static final String SELF = "@";

	private static final Comparator<Hash128> HASH_ORDER = Comparator.comparingLong(Hash128::high)
		.thenComparingLong(Hash128::low);

	private final ClassFiles classes;

	private final ApplicationScope scope;

	private final Map<MethodRef, Hash128> bodies = new ConcurrentHashMap<>();

	private final Map<Object, Hash128> syntheticContents = new ConcurrentHashMap<>();

	CodeHasher(ClassFiles classes, ApplicationScope scope) {
		this.classes = classes;
		this.scope = scope;
	}

	/**
	 * The hash of the method's own normalized body (of its declaration and annotations when it has
	 * no code); callees are named, not included.
	 */
	Hash128 bodyHash(MethodRef method) {
		Hash128 known = this.bodies.get(method);
		if (known != null) {
			return known;
		}
		Trail trail = new Trail();
		Hash128 hash = isSyntheticMethod(method) ? trail.syntheticMethodHash(method)
				: trail.methodContent(this.classes.requireMethod(method), method.owner());
		this.bodies.put(method, hash);
		return hash;
	}

	/** The method's name with javac's numbering replaced by content hashes. */
	String canonicalName(MethodRef method) {
		Trail trail = new Trail();
		return trail.className(method.owner(), null) + "." + trail.methodName(method, null)
				+ trail.descriptor(method.descriptor(), null);
	}

	/** The class name with javac's numbering replaced by a content hash. */
	String canonicalClassName(String internalName) {
		return new Trail().className(internalName, null);
	}

	private boolean isSyntheticClass(String internalName) {
		return SyntheticNames.isSyntheticClass(internalName) && this.scope.contains(internalName);
	}

	private boolean isSyntheticMethod(MethodRef method) {
		return SyntheticNames.isSyntheticMethod(method.name()) && this.scope.contains(method.owner());
	}

	/**
	 * The synthetic entities being hashed, outermost first, for one top-level computation.
	 */
	private final class Trail {

		private final List<Object> inProgress = new ArrayList<>();

		private int lowestBackReference = Integer.MAX_VALUE;

		String className(String internalName, String home) {
			if (internalName.startsWith("[")) {
				return descriptor(internalName, home);
			}
			if (internalName.equals(home)) {
				return HOME;
			}
			if (!isSyntheticClass(internalName)) {
				return internalName;
			}
			return "#" + synthetic(internalName, () -> classContent(CodeHasher.this.classes.require(internalName)));
		}

		String methodName(MethodRef method, String home) {
			if (!isSyntheticMethod(method)) {
				return method.name();
			}
			if (!this.inProgress.isEmpty() && this.inProgress.get(this.inProgress.size() - 1).equals(method)) {
				return SELF;
			}
			return "#" + synthetic(method, contentOf(method));
		}

		String descriptor(String descriptor, String home) {
			StringBuilder canonical = new StringBuilder(descriptor.length());
			int i = 0;
			while (i < descriptor.length()) {
				char c = descriptor.charAt(i);
				if (c == 'L') {
					int end = descriptor.indexOf(';', i);
					canonical.append('L').append(className(descriptor.substring(i + 1, end), home)).append(';');
					i = end + 1;
				}
				else {
					canonical.append(c);
					i++;
				}
			}
			return canonical.toString();
		}

		Hash128 syntheticMethodHash(MethodRef method) {
			return syntheticHash(method, contentOf(method));
		}

		private Supplier<Hash128> contentOf(MethodRef method) {
			return () -> methodContent(CodeHasher.this.classes.requireMethod(method), method.owner());
		}

		private String synthetic(Object entity, Supplier<Hash128> content) {
			int index = this.inProgress.indexOf(entity);
			if (index >= 0) {
				this.lowestBackReference = Math.min(this.lowestBackReference, index);
				return "^" + (this.inProgress.size() - index);
			}
			return syntheticHash(entity, content).hex();
		}

		private Hash128 syntheticHash(Object entity, Supplier<Hash128> content) {
			Hash128 known = CodeHasher.this.syntheticContents.get(entity);
			if (known != null) {
				return known;
			}
			int index = this.inProgress.size();
			int outerLowest = this.lowestBackReference;
			this.lowestBackReference = Integer.MAX_VALUE;
			this.inProgress.add(entity);
			Hash128 hash = content.get();
			this.inProgress.remove(index);
			if (this.lowestBackReference > index) {
				CodeHasher.this.syntheticContents.put(entity, hash);
			}
			this.lowestBackReference = Math.min(outerLowest, this.lowestBackReference);
			return hash;
		}

		Hash128 classContent(ClassFile classFile) {
			String home = classFile.name();
			HashStream128 stream = Hash128.newStream().putString("class").putInt(classFile.access());
			stream.putString((classFile.superName() != null) ? className(classFile.superName(), home) : "");
			stream.putInt(classFile.interfaces().size());
			for (String implemented : classFile.interfaces()) {
				stream.putString(className(implemented, home));
			}
			List<ClassFile.FieldCode> fields = new ArrayList<>(classFile.fields());
			fields.sort(Comparator.comparing(ClassFile.FieldCode::name));
			stream.putInt(fields.size());
			for (ClassFile.FieldCode field : fields) {
				stream.putInt(field.access()).putString(field.name()).putString(descriptor(field.descriptor(), home));
				Object value = field.constantValue();
				stream.putString((value != null) ? value.getClass().getName() : "").putString(String.valueOf(value));
			}
			List<Hash128> methods = new ArrayList<>();
			for (MethodCode method : classFile.methods().values()) {
				methods.add(methodContent(method, home));
			}
			methods.sort(HASH_ORDER);
			stream.putInt(methods.size());
			for (Hash128 method : methods) {
				stream.putLong(method.high()).putLong(method.low());
			}
			return Hash128.of(stream);
		}

		Hash128 methodContent(MethodCode method, String home) {
			HashStream128 stream = Hash128.newStream();
			stream.putString(SyntheticNames.isSyntheticMethod(method.name()) ? "" : method.name());
			stream.putInt(method.access()).putString(descriptor(method.descriptor(), home));
			stream.putBoolean(method.hasCode());
			if (method.hasCode()) {
				for (Object token : method.body()) {
					writeToken(stream, token, home);
				}
			}
			else {
				stream.putString((method.signature() != null) ? method.signature() : "");
				stream.putInt(method.annotations().size());
				method.annotations().forEach(stream::putString);
			}
			return Hash128.of(stream);
		}

		private void writeToken(HashStream128 stream, Object token, String home) {
			if (token instanceof Integer value) {
				stream.putByte((byte) 1).putInt(value);
			}
			else if (token instanceof Long value) {
				stream.putByte((byte) 2).putLong(value);
			}
			else if (token instanceof Float value) {
				stream.putByte((byte) 3).putInt(Float.floatToRawIntBits(value));
			}
			else if (token instanceof Double value) {
				stream.putByte((byte) 4).putLong(Double.doubleToRawLongBits(value));
			}
			else if (token instanceof String value) {
				stream.putByte((byte) 5).putString(value);
			}
			else if (token instanceof Boolean value) {
				stream.putByte((byte) 6).putBoolean(value);
			}
			else if (token instanceof CodeMarker marker) {
				stream.putByte((byte) 7).putInt(marker.ordinal());
			}
			else if (token instanceof LabelRef label) {
				stream.putByte((byte) 8).putInt(label.number());
			}
			else if (token instanceof ClassRef type) {
				stream.putByte((byte) 9).putString(className(type.internalName(), home));
			}
			else if (token instanceof FieldRef field) {
				stream.putByte((byte) 10)
					.putString(className(field.owner(), home))
					.putString(field.name())
					.putString(descriptor(field.descriptor(), home));
			}
			else if (token instanceof MethodRef method) {
				writeMethod(stream, (byte) 11, method, home);
			}
			else if (token instanceof DescriptorRef descriptor) {
				stream.putByte((byte) 12).putString(descriptor(descriptor.descriptor(), home));
			}
			else if (token instanceof Type type) {
				stream.putByte((byte) 13).putInt(type.getSort()).putString(descriptor(type.getDescriptor(), home));
			}
			else if (token instanceof Handle handle) {
				writeHandle(stream, handle, home);
			}
			else if (token instanceof ConstantDynamic dynamic) {
				stream.putByte((byte) 15)
					.putString(dynamic.getName())
					.putString(descriptor(dynamic.getDescriptor(), home));
				writeHandle(stream, dynamic.getBootstrapMethod(), home);
				stream.putInt(dynamic.getBootstrapMethodArgumentCount());
				for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
					writeToken(stream, dynamic.getBootstrapMethodArgument(i), home);
				}
			}
			else {
				throw new IllegalStateException("Unexpected code token " + token.getClass().getName());
			}
		}

		private void writeHandle(HashStream128 stream, Handle handle, String home) {
			stream.putInt(handle.getTag()).putBoolean(handle.isInterface());
			if (handle.getTag() >= Opcodes.H_INVOKEVIRTUAL) {
				writeMethod(stream, (byte) 14, new MethodRef(handle.getOwner(), handle.getName(), handle.getDesc()),
						home);
			}
			else {
				writeToken(stream, new FieldRef(handle.getOwner(), handle.getName(), handle.getDesc()), home);
			}
		}

		private void writeMethod(HashStream128 stream, byte tag, MethodRef method, String home) {
			stream.putByte(tag)
				.putString(className(method.owner(), home))
				.putString(methodName(method, home))
				.putString(descriptor(method.descriptor(), home));
		}

	}

}
