package dev.cachet.backend.s3;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import dev.cachet.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 tier when S3 goes away, comes back, or was never there. */
@ExtendWith(S3ServerExtension.class)
class S3TierFaultTests {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	@Test
	void aStoppedServerFailsCallsThenOpensTheCircuitAndARestartClosesIt(S3Server s3) throws Exception {
		s3.createBucket("faults");
		S3TierSettings settings = S3TierSettings.of("faults")
			.withTimeout(Duration.ofSeconds(10))
			.withCircuitBreaker(3, Duration.ofSeconds(10));
		try (S3Client client = s3.newClient()) {
			S3Tier tier = new S3Tier(client, settings, this.clock);
			Envelope envelope = TestEnvelopes.of("kept", NOW, Duration.ZERO);
			tier.put("reports", "k1", envelope, Duration.ofDays(1));

			s3.stop();
			for (int i = 0; i < 3; i++) {
				assertThatThrownBy(() -> tier.get("reports", "k1")).isNotInstanceOf(CircuitBreaker.OpenException.class);
			}
			assertThat(tier.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThat(tier.health().state()).isEqualTo(TierHealth.State.CIRCUIT_OPEN);
			assertThatExceptionOfType(CircuitBreaker.OpenException.class).isThrownBy(() -> tier.get("reports", "k1"));
			assertThatExceptionOfType(CircuitBreaker.OpenException.class)
				.isThrownBy(() -> tier.put("reports", "k2", envelope, Duration.ofDays(1)));

			s3.start();
			this.clock.advance(Duration.ofSeconds(10));
			assertThat(TestEnvelopes.text(tier.get("reports", "k1"))).isEqualTo("kept");
			assertThat(tier.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(tier.health()).isEqualTo(TierHealth.up());
		}
	}

	@Test
	void aServerThatNeverAnswersFailsWithinTheBudget() throws Exception {
		// accepts connections (backlog) but never answers a request
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				S3Client client = S3Client.builder()
					.endpointOverride(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
					.region(Region.US_EAST_1)
					.forcePathStyle(true)
					.credentialsProvider(AnonymousCredentialsProvider.create())
					.build()) {
			S3Tier tier = new S3Tier(client, S3TierSettings.of("silent").withTimeout(Duration.ofMillis(300)),
					this.clock);
			assertThatThrownBy(() -> tier.get("reports", "k1")).hasMessageContaining("300");
			assertThat(tier.lastFailure()).isEqualTo("no answer within 300 ms");
			assertThat(tier.checkBucket()).isEqualTo(S3Tier.BucketState.UNREACHABLE);
		}
	}

	@Test
	void checksTheBucketAndCreatesIt(S3Server s3) {
		try (S3Client client = s3.newClient()) {
			S3Tier tier = new S3Tier(client, S3TierSettings.of("created-here"), this.clock);
			assertThat(tier.checkBucket(Duration.ofSeconds(10))).isEqualTo(S3Tier.BucketState.MISSING);
			tier.createBucket(Duration.ofSeconds(5));
			assertThat(tier.checkBucket()).isEqualTo(S3Tier.BucketState.AVAILABLE);
			s3.stop();
			assertThat(tier.checkBucket()).isEqualTo(S3Tier.BucketState.UNREACHABLE);
		}
	}

}
