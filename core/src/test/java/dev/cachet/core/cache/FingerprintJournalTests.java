package dev.cachet.core.cache;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintJournalTests {

	private final MemoryTier store = new MemoryTier(1_000_000);

	private final MutableClock clock = new MutableClock();

	static class Service {

		public String load() {
			return "x";
		}

	}

	/** A fingerprinter whose answer the test sets, standing in for an edited code base. */
	static class FixedFingerprinter extends MethodFingerprinter {

		private final MethodFingerprint fingerprint;

		FixedFingerprinter(MethodFingerprint fingerprint) {
			super(new FingerprintSettings(List.of(), true, ""));
			this.fingerprint = fingerprint;
		}

		@Override
		public MethodFingerprint fingerprint(Class<?> userClass, Method method, Object target) {
			return fingerprint;
		}

	}

	private CachedMethod method(MethodFingerprint fingerprint) throws Exception {
		return new CachedMethods(new FixedFingerprinter(fingerprint)).resolve(Service.class,
				Service.class.getMethod("load"));
	}

	@Test
	void firstRunRecordsAndLaterRunsNameTheChangedHelper() throws Exception {
		String id = CachedMethod.idOf(Service.class, Service.class.getMethod("load"));
		MethodFingerprint before = new MethodFingerprint("aaaa", Map.of(id, "1", "app.Helper#parse()", "2"));
		MethodFingerprint after = new MethodFingerprint("bbbb", Map.of(id, "1", "app.Helper#parse()", "3",
				"app.Helper#trim()", "4"));

		FingerprintJournal.Revision first = new FingerprintJournal(List.of(store), clock).record(method(before));
		assertThat(first.previous()).isNull();
		assertThat(first.change()).isNull();

		FingerprintJournal.Revision same = new FingerprintJournal(List.of(store), clock).record(method(before));
		assertThat(same.previous()).isNull();
		assertThat(same.changedAt()).isEqualTo(clock.instant());

		FingerprintJournal journal = new FingerprintJournal(List.of(store), clock);
		FingerprintJournal.Revision changed = journal.record(method(after));
		assertThat(changed.previous()).isEqualTo("aaaa");
		assertThat(changed.current()).isEqualTo("bbbb");
		assertThat(changed.change().changed()).containsExactly("app.Helper#parse()");
		assertThat(changed.change().added()).containsExactly("app.Helper#trim()");
		assertThat(journal.revision(id)).contains(changed);
	}

}
