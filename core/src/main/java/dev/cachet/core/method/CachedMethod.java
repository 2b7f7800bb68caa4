package dev.cachet.core.method;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import dev.cachet.core.envelope.Producer;
import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.policy.MethodPolicy;

/**
 * What Cachet knows about one cached method: its identity, code fingerprint, the parameters that
 * take part in the key, the type of value it caches and its {@link dev.cachet.core.policy.CachePolicy}
 * layers. The fingerprint is computed when first asked for (see {@link #fingerprint()}), so a method
 * can be known before the expensive part is done.
 */
public final class CachedMethod {

	private final String id;

	private final Class<?> userClass;

	private final Method method;

	private final LazyFingerprint fingerprint;

	private final boolean[] ignoredParameters;

	private final MethodPolicy policy;

	private final boolean ignoresAny;

	private final Class<?> valueType;

	/** This method in each role, made once: callers are looked up on every cached call. */
	private final Caller[] callers = new Caller[Caller.Role.values().length];

	private final AtomicBoolean unsupportedWarned = new AtomicBoolean();

	CachedMethod(String id, Class<?> userClass, Method method, Supplier<MethodFingerprint> fingerprint,
			boolean[] ignoredParameters, MethodPolicy policy) {
		this.id = id;
		this.userClass = userClass;
		this.method = method;
		this.fingerprint = new LazyFingerprint(fingerprint);
		this.ignoredParameters = ignoredParameters;
		this.policy = policy;
		boolean any = false;
		for (boolean ignored : ignoredParameters) {
			any |= ignored;
		}
		this.ignoresAny = any;
		this.valueType = valueType(userClass, method);
	}

	/** {@code com.acme.ShipService#load(java.lang.String,int)}. */
	public String id() {
		return id;
	}

	public Class<?> userClass() {
		return userClass;
	}

	public Method method() {
		return method;
	}

	/**
	 * The method's code fingerprint. The first caller computes it (tens to hundreds of milliseconds);
	 * a caller asking while another thread computes it waits for that result.
	 */
	public MethodFingerprint fingerprint() {
		return fingerprint.get();
	}

	public MethodPolicy policy() {
		return policy;
	}

	/**
	 * Whether the method returns a {@link java.nio.file.Path}: its results are files, cached by
	 * content and streamed between tiers.
	 */
	public boolean returnsFile() {
		return method.getReturnType() == java.nio.file.Path.class;
	}

	/** Whether parameter {@code index} is left out of the key ({@code @CacheKeyIgnore}). */
	public boolean ignores(int index) {
		return index < ignoredParameters.length && ignoredParameters[index];
	}

	/** Whether any parameter is left out of the key. */
	public boolean ignoresAny() {
		return ignoresAny;
	}

	/**
	 * The type of the values this method's cache entries hold: the return type, boxed, or what an
	 * {@code Optional}, a future or a {@code Mono} holds, which Spring caches instead of the wrapper;
	 * {@code Object} when it cannot be known.
	 */
	public Class<?> valueType() {
		return valueType;
	}

	/** This method as a caller of a cache in {@code role}. */
	public Caller as(Caller.Role role) {
		Caller caller = callers[role.ordinal()];
		if (caller == null) {
			caller = new Caller(this, role);
			callers[role.ordinal()] = caller; // a benign race: equal callers
		}
		return caller;
	}

	/** The producer an entry written by this method under {@code kind} records. */
	public Producer producer(Producer.Kind kind) {
		return new Producer(kind, id, fingerprint().hash());
	}

	/** {@code true} the first time only: one warning per method about unhashable arguments. */
	public boolean firstUnsupportedArgument() {
		return unsupportedWarned.compareAndSet(false, true);
	}

	private static Class<?> valueType(Class<?> userClass, Method method) {
		Class<?> returned = method.getReturnType();
		if (returned == void.class) {
			return Object.class;
		}
		if (returned == Optional.class || CompletionStage.class.isAssignableFrom(returned)
				|| Future.class.isAssignableFrom(returned) || returned.getName().equals("reactor.core.publisher.Mono")) {
			Class<?> held = ResolvableType.forMethodReturnType(method, userClass).getGeneric(0).resolve(Object.class);
			return ClassUtils.resolvePrimitiveIfNecessary(held);
		}
		if (returned.getName().startsWith("reactor.") || returned.getName().startsWith("org.reactivestreams.")) {
			return Object.class;
		}
		return ClassUtils.resolvePrimitiveIfNecessary(returned);
	}

	/** Method id in Cachet's format: binary class name, {@code #}, name, parameter type names. */
	public static String idOf(Class<?> userClass, Method method) {
		StringBuilder id = new StringBuilder(userClass.getName()).append('#').append(method.getName()).append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			id.append(i > 0 ? "," : "").append(types[i].getTypeName());
		}
		return id.append(')').toString();
	}

}
