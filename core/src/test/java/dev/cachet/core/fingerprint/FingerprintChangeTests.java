package dev.cachet.core.fingerprint;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintChangeTests {

	@Test
	void reportsAddedRemovedAndChangedMethodsSorted() {
		Map<String, String> before = Map.of("a.B#x()", "1", "a.B#y()", "2", "a.C#z()", "3", "a.A#w()", "4");
		Map<String, String> after = Map.of("a.B#x()", "1", "a.B#y()", "9", "a.A#w()", "8", "a.D#n()", "5",
				"a.A#m()", "6");

		FingerprintChange change = FingerprintChange.between(before, after);

		assertThat(change.added()).containsExactly("a.A#m()", "a.D#n()");
		assertThat(change.removed()).containsExactly("a.C#z()");
		assertThat(change.changed()).containsExactly("a.A#w()", "a.B#y()");
		assertThat(change.isEmpty()).isFalse();
	}

	@Test
	void isEmptyForTheSameMethods() {
		Map<String, String> reached = Map.of("a.B#x()", "1");

		assertThat(FingerprintChange.between(reached, Map.copyOf(reached)).isEmpty()).isTrue();
	}

}
