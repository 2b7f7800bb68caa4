package dev.cachet.core.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.ReflectionUtils;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.Behaviour;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule that decides whether an entry may be served to a caller, one at a time. */
class EntryValidityTests {

	private static final String CACHE = "users";

	private static final CachetKey KEY = CachetKey.of("0123456789abcdef0123456789abcdef");

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	/** Methods of one cache. */
	public static class Users {

		public String find(String id) {
			return "user " + id;
		}

		public String findAgain(String id) {
			return "again " + id;
		}

		public String update(String id) {
			return "updated " + id;
		}

	}

	private final CachedMethods methods = new CachedMethods(
			new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));

	private final LocalTierTrust trust = new LocalTierTrust();

	private final EntryValidity validity = new EntryValidity(methods, trust, new InputCheck(name -> {
		throw new AssertionError("entries without inputs look no input up");
	}));

	private final TierBinding local = new TierBinding("memory", new MemoryTier(1 << 20), null, false);

	private CachedMethod method(String name) {
		return methods.resolve(Users.class, ReflectionUtils.findMethod(Users.class, name, String.class));
	}

	private Call call(Caller caller) {
		return new Call(CACHE, KEY, caller, Duration.ofHours(1), Behaviour.DEFAULT);
	}

	private static EntryMetadata entry(Producer producer, String address, Instant createdAt) {
		return new EntryMetadata(createdAt, Duration.ofHours(1), Duration.ZERO, producer, address);
	}

	private static EntryMetadata entry(Producer producer) {
		return entry(producer, EntryMetadata.address(CACHE, KEY.id()), NOW.minusSeconds(60));
	}

	private MissReason check(EntryMetadata metadata, Caller caller) {
		ResultFormat.Candidate found = new ResultFormat.Candidate() {

			@Override
			public EntryMetadata metadata() {
				return metadata;
			}

			@Override
			public Object value() {
				return "value";
			}

			@Override
			public void promote(java.util.List<TierBinding> nearer, Call call, java.time.Instant now) {
			}

		};
		return validity.check(found, call(caller), local, NOW.toEpochMilli(), true);
	}

	@Test
	void aCacheableResultIsServedToItsOwnMethodOnly() {
		EntryMetadata byFind = entry(method("find").producer(Producer.Kind.CACHEABLE));
		assertThat(check(byFind, method("find").as(Caller.Role.CACHEABLE))).isNull();
		assertThat(check(byFind, method("findAgain").as(Caller.Role.CACHEABLE))).isEqualTo(MissReason.FOREIGN_PRODUCER);
		assertThat(check(byFind, Caller.PROGRAMMATIC)).as("application code reads it while its code is current").isNull();
	}

	@Test
	void aResultOfChangedCodeIsNeverServed() {
		EntryMetadata oldCode = entry(new Producer(Producer.Kind.CACHEABLE, method("find").id(), "another fingerprint"));
		assertThat(check(oldCode, method("find").as(Caller.Role.CACHEABLE))).isEqualTo(MissReason.CODE_CHANGED);
		assertThat(check(oldCode, Caller.PROGRAMMATIC)).isEqualTo(MissReason.CODE_CHANGED);
		EntryMetadata oldPut = entry(new Producer(Producer.Kind.PUT, method("update").id(), "another fingerprint"));
		assertThat(check(oldPut, method("find").as(Caller.Role.CACHEABLE))).isEqualTo(MissReason.CODE_CHANGED);
	}

	@Test
	void putAndProgrammaticResultsAreForEveryReader() {
		EntryMetadata put = entry(method("update").producer(Producer.Kind.PUT));
		assertThat(check(put, method("find").as(Caller.Role.CACHEABLE))).isNull();
		assertThat(check(put, method("findAgain").as(Caller.Role.CACHEABLE))).isNull();
		assertThat(check(entry(Producer.PROGRAMMATIC), method("find").as(Caller.Role.CACHEABLE))).isNull();
	}

	@Test
	void aProducerThisApplicationDoesNotHaveIsAMiss() {
		EntryMetadata unknown = entry(new Producer(Producer.Kind.PUT, "com.gone.Svc#put(java.lang.String)", "f00d"));
		assertThat(check(unknown, method("find").as(Caller.Role.CACHEABLE))).isEqualTo(MissReason.UNKNOWN_PRODUCER);
	}

	@Test
	void anEntryCopiedToAnotherAddressIsMisplaced() {
		EntryMetadata elsewhere = entry(Producer.PROGRAMMATIC, EntryMetadata.address(CACHE, "ffffffffffffffffffffffffffffffff"),
				NOW.minusSeconds(60));
		assertThat(check(elsewhere, Caller.PROGRAMMATIC)).isEqualTo(MissReason.MISPLACED);
		EntryMetadata otherCache = entry(Producer.PROGRAMMATIC, EntryMetadata.address("orders", KEY.id()),
				NOW.minusSeconds(60));
		assertThat(check(otherCache, Caller.PROGRAMMATIC)).isEqualTo(MissReason.MISPLACED);
	}

	@Test
	void staleAndUntrustedEntriesAreMisses() {
		EntryMetadata old = entry(Producer.PROGRAMMATIC, EntryMetadata.address(CACHE, KEY.id()), NOW.minusSeconds(7200));
		assertThat(check(old, Caller.PROGRAMMATIC)).isEqualTo(MissReason.STALE);
		trust.messagesLostAt(NOW.minusSeconds(30));
		assertThat(check(entry(Producer.PROGRAMMATIC), Caller.PROGRAMMATIC)).isEqualTo(MissReason.UNTRUSTED);
	}

}
