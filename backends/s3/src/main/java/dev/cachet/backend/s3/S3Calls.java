package dev.cachet.backend.s3;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import dev.cachet.core.tier.CircuitBreaker;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * Runs S3 requests within a time budget, guarded by a circuit breaker.
 *
 * <p>The budget is the SDK's own {@code apiCallTimeout}, set on each request through
 * {@link #budget()} (or {@link #transferBudget()} for the parts and completion of a multipart
 * upload), so it bounds retries and body transfer too and works with an application's client
 * whatever its configuration. For a streamed download it ends when the response headers arrive;
 * {@link StreamedBody} then paces the body. A request that the service answered, even with a 4xx
 * error, counts as a success for the breaker (S3 is alive); a 5xx answer, a timeout or a connection
 * failure counts as a failure. Open circuit: calls fail at once without touching S3.
 */
final class S3Calls {

	private final CircuitBreaker breaker;

	private final AwsRequestOverrideConfiguration budget;

	private final AwsRequestOverrideConfiguration transferBudget;

	private final String budgetText;

	private volatile String lastFailure;

	S3Calls(S3TierSettings settings, Clock clock) {
		this.breaker = new CircuitBreaker(settings.circuitBreaker(), clock);
		this.budget = budget(settings.timeout());
		this.transferBudget = budget(settings.transferTimeout());
		this.budgetText = "no answer within " + settings.timeout().toMillis() + " ms";
	}

	/** The per-request override that applies the time budget; set it on every request sent through {@link #call}. */
	AwsRequestOverrideConfiguration budget() {
		return this.budget;
	}

	/** The per-request override for the parts and the completion of a multipart upload. */
	AwsRequestOverrideConfiguration transferBudget() {
		return this.transferBudget;
	}

	/** A per-request override with another budget, for requests off the hot path. */
	static AwsRequestOverrideConfiguration budget(Duration timeout) {
		return AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).build();
	}

	/**
	 * Sends a request unless the circuit is open.
	 * @throws CircuitBreaker.OpenException if the circuit is open
	 */
	<T> T call(Supplier<T> request) {
		if (!this.breaker.tryAcquirePermission()) {
			throw new CircuitBreaker.OpenException("S3 circuit open");
		}
		try {
			T result = request.get();
			answered();
			return result;
		}
		catch (AwsServiceException ex) {
			// a server error, or credentials refused: every call would fail alike (a missing key is an answer)
			if (ex.statusCode() >= 500 || ex.statusCode() == 401 || ex.statusCode() == 403) {
				failed(ex.getClass().getSimpleName() + " " + ex.statusCode());
			}
			else {
				answered();
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			failed(describe(ex));
			throw ex;
		}
	}

	/** Counts a streamed body that failed after its request was answered, such as a stalled download. */
	void transferFailed(String description) {
		failed(description);
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/** What went wrong with the last call, or {@code null} if it succeeded. Never holds credentials. */
	String lastFailure() {
		return this.lastFailure;
	}

	private void answered() {
		this.breaker.recordSuccess();
		if (this.lastFailure != null) {
			this.lastFailure = null;
		}
	}

	private void failed(String description) {
		this.lastFailure = description;
		this.breaker.recordFailure();
	}

	private String describe(RuntimeException failure) {
		// Client exception messages may carry endpoints with user info; the type name is enough.
		String type = failure.getClass().getSimpleName();
		return type.contains("Timeout") ? this.budgetText : type;
	}

}
