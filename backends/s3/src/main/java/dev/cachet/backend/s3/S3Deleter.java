package dev.cachet.backend.s3;

import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Deletes objects one by one or, under a prefix, one listing page (at most 1000 keys) per DeleteObjects request. */
final class S3Deleter {

	private static final Logger logger = LoggerFactory.getLogger(S3Deleter.class);

	private final S3Client client;

	private final S3Calls calls;

	private final String bucket;

	S3Deleter(S3Client client, S3Calls calls, String bucket) {
		this.client = client;
		this.calls = calls;
		this.bucket = bucket;
	}

	void delete(String key) {
		DeleteObjectRequest request = DeleteObjectRequest.builder()
			.bucket(this.bucket)
			.key(key)
			.overrideConfiguration(this.calls.budget())
			.build();
		this.calls.call(() -> this.client.deleteObject(request));
	}

	/**
	 * Deletes the objects under a prefix that the filter accepts; each request has its own budget.
	 * @return how many objects were deleted
	 */
	int deleteAll(String prefix, Predicate<S3Object> filter) {
		int deleted = 0;
		String continuation = null;
		do {
			ListObjectsV2Request list = ListObjectsV2Request.builder()
				.bucket(this.bucket)
				.prefix(prefix)
				.continuationToken(continuation)
				.overrideConfiguration(this.calls.budget())
				.build();
			ListObjectsV2Response page = this.calls.call(() -> this.client.listObjectsV2(list));
			List<ObjectIdentifier> batch = page.contents()
				.stream()
				.filter(filter)
				.map((object) -> ObjectIdentifier.builder().key(object.key()).build())
				.toList();
			deleted += deleteBatch(batch);
			continuation = page.isTruncated() ? page.nextContinuationToken() : null;
		}
		while (continuation != null);
		return deleted;
	}

	private int deleteBatch(List<ObjectIdentifier> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		DeleteObjectsRequest request = DeleteObjectsRequest.builder()
			.bucket(this.bucket)
			.delete((delete) -> delete.objects(batch).quiet(true))
			.overrideConfiguration(this.calls.budget())
			.build();
		DeleteObjectsResponse response = this.calls.call(() -> this.client.deleteObjects(request));
		response.errors().forEach((error) -> logger.debug("Could not delete {}: {}", error.key(), error.code()));
		return batch.size() - response.errors().size();
	}

}
