package dev.cachet.core.key;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.cache.interceptor.SimpleKey;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.hash.ArgumentSink;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.method.CachedMethods;

import static org.assertj.core.api.Assertions.assertThat;

class CachetKeyGeneratorTests {

	public interface Catalog {

		String find(String name);

	}

	public static class Service implements Catalog {

		public String daily(String region) {
			return "daily " + region;
		}

		public String weekly(String region) {
			return "weekly " + region;
		}

		public String tracked(String region, @CacheKeyIgnore Runnable progress) {
			return region;
		}

		public int length(InputStream in) {
			return 0;
		}

		@Override
		public String find(String name) {
			return name;
		}

	}

	private final AtomicReference<String> tenant = new AtomicReference<>("acme");

	private final CachetKeyGenerator keys = new CachetKeyGenerator(
			new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(), true, ""))),
			new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of(new KeyContributor() {

				@Override
				public String name() {
					return "tenant";
				}

				@Override
				public void contribute(ArgumentSink sink) {
					sink.putString(tenant.get());
				}

			})));

	private final Service service = new Service();

	private CachetKey key(Object target, String name, Object... args) throws Exception {
		Method method = null;
		for (Method candidate : Service.class.getMethods()) {
			if (candidate.getName().equals(name)) {
				method = candidate;
			}
		}
		return (CachetKey) keys.generate(target, method, args);
	}

	@Test
	void keysArePrintableFixedLengthAndHoldNoArgumentText() throws Exception {
		CachetKey key = key(service, "daily", "north");
		assertThat(key.id()).matches("[0-9a-f]{32}");
		assertThat(key.cacheable()).isTrue();
		assertThat(key.id()).doesNotContain("north");
	}

	@Test
	void twoMethodsWithTheSameArgumentsShareAnAddressAsWithSpringsKeys() throws Exception {
		// the envelope, not the address, tells which method may read an entry
		assertThat(key(service, "daily", "north")).isEqualTo(key(service, "weekly", "north"));
	}

	@Test
	void theDefaultKeyIsTheAddressOfSpringsSimpleKeyOfTheSameArguments() throws Exception {
		CacheAddresses addresses = keys.addresses();
		assertThat(key(service, "daily", "north")).isEqualTo(addresses.addressOf("north"));
		assertThat(key(service, "tracked", "north", (Runnable) () -> { })).isEqualTo(addresses.addressOf("north"));
		assertThat(addresses.addressOf(new SimpleKey("north", 2))).isEqualTo(addresses.addressOf(new SimpleKey("north", 2)))
			.isNotEqualTo(addresses.addressOf(new SimpleKey("north", 3)))
			.isNotEqualTo(addresses.addressOf("north"));
	}

	@Test
	void equalArgumentsGiveEqualKeysAndOthersDiffer() throws Exception {
		assertThat(key(service, "daily", "north")).isEqualTo(key(service, "daily", new String("north")));
		assertThat(key(service, "daily", "north")).isNotEqualTo(key(service, "daily", "south"));
	}

	@Test
	void ignoredParametersStayOutOfTheKey() throws Exception {
		Runnable one = () -> { };
		Runnable other = () -> { };
		assertThat(key(service, "tracked", "north", one)).isEqualTo(key(service, "tracked", "north", other));
	}

	@Test
	void unhashableArgumentsMakeTheCallUncacheable() throws Exception {
		CachetKey first = key(service, "length", new ByteArrayInputStream(new byte[1]));
		CachetKey second = key(service, "length", new ByteArrayInputStream(new byte[1]));
		assertThat(first.cacheable()).isFalse();
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void proxiesKeyLikeTheirTargetAndResolveToTheUserClass() throws Exception {
		ProxyFactory classProxy = new ProxyFactory(service);
		classProxy.setProxyTargetClass(true);
		Object cglib = classProxy.getProxy();
		assertThat(cglib.getClass()).isNotEqualTo(Service.class);
		assertThat(key(cglib, "daily", "north")).isEqualTo(key(service, "daily", "north"));
		Method interfaceMethod = Catalog.class.getMethod("find", String.class);
		Object jdkProxy = new ProxyFactory(service).getProxy();
		CachetKey viaInterface = (CachetKey) keys.generate(jdkProxy, interfaceMethod, "x");
		assertThat(viaInterface).isEqualTo(key(service, "find", "x"));
		assertThat(keys.methods().byId(Service.class.getName() + "#find(java.lang.String)"))
			.hasValueSatisfying(method -> assertThat(method.userClass()).isEqualTo(Service.class));
	}

	@Test
	void contributorsTakePartInEveryKey() throws Exception {
		CachetKey acme = key(service, "daily", "north");
		tenant.set("globex");
		assertThat(key(service, "daily", "north")).isNotEqualTo(acme);
		assertThat(keys.addresses().addressOf("north")).isEqualTo(key(service, "daily", "north"));
	}

	@Test
	void explicitKeysAreTyped() {
		CacheAddresses addresses = keys.addresses();
		assertThat(addresses.addressOf(42)).isEqualTo(addresses.addressOf(42));
		assertThat(addresses.addressOf(42)).isNotEqualTo(addresses.addressOf(42L));
		assertThat(addresses.addressOf("42")).isNotEqualTo(addresses.addressOf(42));
	}

}
