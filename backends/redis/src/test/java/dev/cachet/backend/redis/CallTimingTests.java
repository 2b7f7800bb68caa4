package dev.cachet.backend.redis;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallTimingTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	private final CallTiming timing = new CallTiming(50 * MS, 1000 * MS);

	@Test
	void aCallGetsItsBudgetPlusTheTimeThisJvmWasStalled() {
		assertThat(this.timing.allowedNanos(0)).isEqualTo(50 * MS);
		assertThat(this.timing.allowedNanos(120 * MS)).isEqualTo(170 * MS);
		assertThat(this.timing.allowedNanos(-5 * MS)).isEqualTo(50 * MS);
	}

	@Test
	void noStallMakesACallWaitLongerThanTheAnswerTimeout() {
		assertThat(this.timing.allowedNanos(60_000 * MS)).isEqualTo(1000 * MS);
	}

	@Test
	void theAnswerTimeoutIsNeverBelowTheBudget() {
		assertThat(new CallTiming(2000 * MS, 1000 * MS).answerTimeoutNanos()).isEqualTo(2000 * MS);
		assertThatIllegalArgumentException().isThrownBy(() -> new CallTiming(0, 1000 * MS));
	}

}
