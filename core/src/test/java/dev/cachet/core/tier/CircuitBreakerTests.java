package dev.cachet.core.tier;

import java.time.Duration;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.cachet.testsupport.MutableClock;

class CircuitBreakerTests {

	private final MutableClock clock = new MutableClock();

	private final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Settings(3, Duration.ofSeconds(5)),
			this.clock);

	@Test
	void staysClosedBelowThreshold() {
		this.breaker.recordFailure();
		this.breaker.recordFailure();
		assertThat(this.breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
	}

	@Test
	void successResetsConsecutiveFailures() {
		this.breaker.recordFailure();
		this.breaker.recordFailure();
		this.breaker.recordSuccess();
		this.breaker.recordFailure();
		this.breaker.recordFailure();
		assertThat(this.breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void opensAfterThresholdAndRefusesDuringCoolDown() {
		open();
		assertThat(this.breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		this.clock.advance(Duration.ofMillis(4999));
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void letsExactlyOneProbeThroughAfterCoolDown() {
		open();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void successfulProbeCloses() {
		open();
		this.clock.advance(Duration.ofSeconds(5));
		this.breaker.tryAcquirePermission();
		this.breaker.recordSuccess();
		assertThat(this.breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
	}

	@Test
	void failedProbeOpensForAnotherCoolDown() {
		open();
		this.clock.advance(Duration.ofSeconds(5));
		this.breaker.tryAcquirePermission();
		this.breaker.recordFailure();
		assertThat(this.breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
	}

	@Test
	void probeThatNeverReportsIsReplacedAfterAnotherCoolDown() {
		open();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void countsEachOpeningOnce() {
		assertThat(this.breaker.openings()).isZero();
		open();
		this.breaker.recordFailure();
		assertThat(this.breaker.openings()).as("failures while open open nothing").isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(5));
		this.breaker.tryAcquirePermission();
		this.breaker.recordFailure();
		assertThat(this.breaker.openings()).as("a failed probe opens again").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(5));
		this.breaker.tryAcquirePermission();
		this.breaker.recordSuccess();
		assertThat(this.breaker.openings()).isEqualTo(2);
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreaker.Settings(0, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreaker.Settings(1, Duration.ZERO));
	}

	private void open() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.breaker.tryAcquirePermission()).isTrue();
			this.breaker.recordFailure();
		}
	}

}
