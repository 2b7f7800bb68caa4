package dev.cachet.core.codec;

import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.apache.fory.logging.LoggerFactory;
import org.apache.fory.memory.MemoryBuffer;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Cachet's default {@link ValueCodec}, built on Apache Fory: records, beans with or without a no-arg
 * constructor, JDK collections and value types, enums and {@code Serializable} classes (honouring their
 * {@code writeObject}/{@code readObject}) round-trip without annotations or registration, and without
 * {@code --add-opens}.
 *
 * <p>Only classes of the given {@link ClassAllowlist} are loaded: the check runs on the class name read
 * from the bytes, before the class is loaded, initialized or instantiated. A value of a class outside the
 * allowlist cannot be encoded either, so the caller never writes an entry it could not read back.
 *
 * <p>Shared and cyclic references are preserved. Each class's field layout is hashed into the bytes, so
 * an entry written by an older shape of a class fails to decode (a miss) instead of being misread.
 *
 * <p>Thread-safe: Fory instances, which are not, are pooled; an instance that hit an {@link Error} is discarded.
 */
public final class ForyValueCodec implements ValueCodec {

	/** Written into every envelope; change it whenever the Fory version or configuration changes. */
	public static final String ID = "fory-1";

	static {
		// Let the application's logging configuration govern Fory's messages instead of Fory's console logger.
		LoggerFactory.useSlf4jLogging(true);
	}

	private final ClassAllowlist allowlist;

	private final ClassLoader classLoader;

	/**
	 * Idle Fory instances. Fory's own pool is not used because it logs every failed decode at ERROR with
	 * the partially decoded values, which may be private data.
	 */
	private final Queue<Fory> idle = new ConcurrentLinkedQueue<>();

	private final int maxIdle = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	/** A codec that resolves classes with Spring's default class loader (usually the thread context one). */
	public ForyValueCodec(ClassAllowlist allowlist) {
		this(allowlist, ClassUtils.getDefaultClassLoader());
	}

	/** A codec that resolves classes with the given class loader, for example a bean class loader. */
	public ForyValueCodec(ClassAllowlist allowlist, ClassLoader classLoader) {
		this.allowlist = allowlist;
		this.classLoader = classLoader;
		// no instance yet: building one costs a tenth of a second, which start-up should not pay
	}

	private Fory newFory() {
		Fory fory = Fory.builder()
			.withLanguage(Language.JAVA)
			.withClassLoader(this.classLoader)
			// Classes are admitted by the allowlist below, not by registration.
			.requireClassRegistration(false)
			.suppressClassRegistrationWarnings(true)
			.withRefTracking(true)
			.withClassVersionCheck(true)
			.withDeserializeNonexistentClass(false)
			.withAsyncCompilation(false)
			.build();
		fory.getClassResolver().setTypeChecker(new AllowlistTypeChecker(this.allowlist));
		return fory;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public byte[] encode(Object value) throws CodecException {
		if (value == null) {
			throw new CodecException("Cannot encode null");
		}
		Fory fory = borrow();
		try {
			byte[] bytes = fory.serialize(value);
			giveBack(fory);
			return bytes;
		}
		catch (Exception ex) {
			// Fory resets an instance's state after a failed call, so it stays usable.
			giveBack(fory);
			throw new CodecException("Cannot encode a " + value.getClass().getName() + ": " + rootMessage(ex), ex);
		}
		catch (Throwable ex) {
			// Includes StackOverflowError from very deep graphs: the value is simply not cacheable. The
			// instance is dropped, as an error may have left it in any state.
			throw new CodecException("Cannot encode a " + value.getClass().getName() + ": " + rootMessage(ex), ex);
		}
	}

	@Override
	public Object decode(byte[] bytes, int offset, int length) throws CodecException {
		if (bytes == null || offset < 0 || length <= 0 || offset > bytes.length - length) {
			throw new CodecException("No bytes to decode");
		}
		Fory fory = borrow();
		try {
			Object value = fory.deserialize(MemoryBuffer.fromByteArray(bytes, offset, length));
			giveBack(fory);
			return value;
		}
		catch (Exception ex) {
			giveBack(fory);
			throw new CodecException("Cannot decode " + length + " bytes: " + rootMessage(ex), ex);
		}
		catch (Throwable ex) {
			// Untrusted bytes may fail in any way, including errors from crafted lengths or depths.
			throw new CodecException("Cannot decode " + length + " bytes: " + rootMessage(ex), ex);
		}
	}

	/**
	 * Generates the serializers of the {@code types} the allowlist admits in one pooled instance (the
	 * generated classes serve every instance) and runs each one's read path once, in a second
	 * instance, so that no decode after this returns waits for code generation. Slow (tens to hundreds of milliseconds per class):
	 * call it off the start-up thread. A type that cannot be prepared is skipped, logged at DEBUG.
	 */
	@Override
	public void prepare(Collection<Class<?>> types) {
		List<Class<?>> pending = types.stream()
			.filter(ForyPreparation::preparable)
			.filter(type -> this.allowlist.isAllowed(type.getName()))
			.toList();
		Set<Class<?>> prepared = Set.copyOf(pending);
		ForyPreparation preparation = preparation(prepared);
		if (preparation == null || !preparation.warmUpCommonPaths()) {
			return;
		}
		for (Class<?> type : pending) {
			if (!preparation.prepare(type)) {
				preparation = preparation(prepared); // the instance that hit an error is dropped
				if (preparation == null) {
					return;
				}
			}
		}
		preparation.instances().forEach(this::giveBack);
	}

	private @Nullable ForyPreparation preparation(Set<Class<?>> prepared) {
		try {
			return new ForyPreparation(borrow(), borrow(), prepared);
		}
		catch (CodecException ex) {
			return null;
		}
	}

	private Fory borrow() throws CodecException {
		Fory fory = this.idle.poll();
		if (fory != null) {
			return fory;
		}
		try {
			return newFory();
		}
		catch (Throwable ex) {
			throw new CodecException("Cannot create a Fory instance: " + ex, ex);
		}
	}

	private void giveBack(Fory fory) {
		// Size is O(n) on this queue, but n is small; surplus instances under a burst are left to the GC.
		if (this.idle.size() < this.maxIdle) {
			this.idle.offer(fory);
		}
	}

	/** Fory wraps the telling exception (an allowlist refusal, say) in several generic ones. */
	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
			root = root.getCause();
		}
		return root.toString();
	}

}
