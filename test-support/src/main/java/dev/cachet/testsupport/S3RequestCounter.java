package dev.cachet.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the S3 requests a client completed successfully, by request type, so a test can tell how
 * many uploads really happened. Add it with
 * {@code s3.newClient(b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(counter)))}.
 */
public final class S3RequestCounter implements ExecutionInterceptor {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		this.counts.computeIfAbsent(context.request().getClass().getSimpleName(), (type) -> new AtomicInteger())
			.incrementAndGet();
	}

	/** Successful requests of a type, such as {@code PutObjectRequest}. */
	public int count(String requestType) {
		AtomicInteger count = this.counts.get(requestType);
		return (count != null) ? count.get() : 0;
	}

	/** Successful single-request and multipart uploads. */
	public int uploads() {
		return count("PutObjectRequest") + count("CompleteMultipartUploadRequest");
	}

	public void reset() {
		this.counts.clear();
	}

}
