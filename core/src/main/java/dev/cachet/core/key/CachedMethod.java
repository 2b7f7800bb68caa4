package dev.cachet.core.key;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;

import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.policy.MethodPolicy;

/**
 * What Cachet knows about one cached method: its identity, code fingerprint, the parameters that
 * take part in the key and its {@link dev.cachet.core.policy.CachePolicy} layers.
 */
public final class CachedMethod {

	private final String id;

	private final Class<?> userClass;

	private final Method method;

	private final MethodFingerprint fingerprint;

	private final boolean[] ignoredParameters;

	private final MethodPolicy policy;

	private final HashValue128 identity;

	private final AtomicBoolean unsupportedWarned = new AtomicBoolean();

	CachedMethod(String id, Class<?> userClass, Method method, MethodFingerprint fingerprint,
			boolean[] ignoredParameters, MethodPolicy policy) {
		this.id = id;
		this.userClass = userClass;
		this.method = method;
		this.fingerprint = fingerprint;
		this.ignoredParameters = ignoredParameters;
		this.policy = policy;
		this.identity = Hashing.xxh3_128()
			.hashBytesTo128Bits((id + '\n' + fingerprint.hash()).getBytes(StandardCharsets.UTF_8));
	}

	/** A 128-bit hash of the method id and its fingerprint: what every key of this method starts with. */
	HashValue128 identity() {
		return identity;
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

	public MethodFingerprint fingerprint() {
		return fingerprint;
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

	/** Whether parameter {@code index} is left out of the key ({@link CacheKeyIgnore}). */
	public boolean ignores(int index) {
		return index < ignoredParameters.length && ignoredParameters[index];
	}

	/** {@code true} the first time only: one warning per method about unhashable arguments. */
	boolean firstUnsupportedArgument() {
		return unsupportedWarned.compareAndSet(false, true);
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
