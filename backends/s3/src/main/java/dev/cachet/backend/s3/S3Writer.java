package dev.cachet.backend.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads envelope bytes with a precondition, in one request or, from the multipart threshold on,
 * in parts. Request bodies are views of the envelope's array: nothing is copied.
 */
final class S3Writer {

	private static final Logger logger = LoggerFactory.getLogger(S3Writer.class);

	private static final String CONTENT_TYPE = "application/octet-stream";

	private static final int PRECONDITION_FAILED = 412;

	private final S3Client client;

	private final S3Calls calls;

	private final String bucket;

	private final long partSize;

	S3Writer(S3Client client, S3Calls calls, S3TierSettings settings) {
		this.client = client;
		this.calls = calls;
		this.bucket = settings.bucket();
		this.partSize = settings.multipartThreshold();
	}

	/**
	 * Uploads an object if the precondition holds.
	 * @return {@code false} if S3 refused the upload because the precondition failed (412)
	 */
	boolean write(String key, byte[] bytes, Map<String, String> metadata, Precondition precondition) {
		try {
			if (bytes.length >= this.partSize) {
				writeInParts(key, bytes, metadata, precondition);
			}
			else {
				PutObjectRequest request = PutObjectRequest.builder()
					.bucket(this.bucket)
					.key(key)
					.metadata(metadata)
					.ifNoneMatch(precondition.ifNoneMatch())
					.ifMatch(precondition.ifMatch())
					.overrideConfiguration(this.calls.budget())
					.build();
				this.calls.call(() -> this.client.putObject(request, body(bytes, 0, bytes.length)));
			}
			return true;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == PRECONDITION_FAILED) {
				return false;
			}
			throw ex;
		}
	}

	private void writeInParts(String key, byte[] bytes, Map<String, String> metadata, Precondition precondition) {
		CreateMultipartUploadRequest create = CreateMultipartUploadRequest.builder()
			.bucket(this.bucket)
			.key(key)
			.metadata(metadata)
			.contentType(CONTENT_TYPE)
			.overrideConfiguration(this.calls.budget())
			.build();
		String uploadId = this.calls.call(() -> this.client.createMultipartUpload(create)).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			for (long offset = 0; offset < bytes.length; offset += this.partSize) {
				int length = (int) Math.min(this.partSize, bytes.length - offset);
				int partNumber = parts.size() + 1;
				UploadPartRequest part = UploadPartRequest.builder()
					.bucket(this.bucket)
					.key(key)
					.uploadId(uploadId)
					.partNumber(partNumber)
					.contentLength((long) length)
					.overrideConfiguration(this.calls.budget())
					.build();
				RequestBody body = body(bytes, (int) offset, length);
				UploadPartResponse uploaded = this.calls.call(() -> this.client.uploadPart(part, body));
				parts.add(CompletedPart.builder()
					.partNumber(partNumber)
					.eTag(uploaded.eTag())
					.checksumCRC32(uploaded.checksumCRC32())
					.build());
			}
			CompleteMultipartUploadRequest complete = CompleteMultipartUploadRequest.builder()
				.bucket(this.bucket)
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(parts))
				.ifNoneMatch(precondition.ifNoneMatch())
				.ifMatch(precondition.ifMatch())
				.overrideConfiguration(this.calls.budget())
				.build();
			this.calls.call(() -> this.client.completeMultipartUpload(complete));
		}
		catch (RuntimeException ex) {
			abort(key, uploadId);
			throw ex;
		}
	}

	/** Frees the parts of an upload that will not complete; a failure only leaves them to a lifecycle rule. */
	private void abort(String key, String uploadId) {
		AbortMultipartUploadRequest abort = AbortMultipartUploadRequest.builder()
			.bucket(this.bucket)
			.key(key)
			.uploadId(uploadId)
			.overrideConfiguration(this.calls.budget())
			.build();
		try {
			this.calls.call(() -> this.client.abortMultipartUpload(abort));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not abort multipart upload of {}", key, ex);
		}
	}

	/** A body reading a slice of the array in place; the SDK may open it again for a retry. */
	private static RequestBody body(byte[] bytes, int offset, int length) {
		return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, offset, length), length,
				CONTENT_TYPE);
	}

	/**
	 * The condition an upload depends on.
	 * @param ifNoneMatch {@code *} to upload only where no object exists, or {@code null}
	 * @param ifMatch     the ETag the replaced object must still have, or {@code null}
	 */
	record Precondition(String ifNoneMatch, String ifMatch) {

		/** Upload only where no object exists yet. */
		static final Precondition ABSENT = new Precondition("*", null);

		/** Replace the object only if it is still the one with this ETag. */
		static Precondition replacing(String eTag) {
			return new Precondition(null, eTag);
		}

	}

}
