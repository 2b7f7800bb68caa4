package dev.cachet.backend.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * Uploads envelope bytes with a precondition: an envelope held in memory in one request, a larger
 * one from a stream in parts, read one part at a time into a single reused buffer.
 */
final class S3Writer {

	private static final Logger logger = LoggerFactory.getLogger(S3Writer.class);

	private static final String CONTENT_TYPE = "application/octet-stream";

	private static final int PRECONDITION_FAILED = 412;

	/** S3 accepts at most this many parts; larger objects get larger parts. */
	private static final int MAX_PARTS = 10_000;

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
	 * Uploads an object in one request if the precondition holds. The body is a view of the array:
	 * nothing is copied.
	 * @return {@code false} if S3 refused the upload because the precondition failed (412)
	 */
	boolean write(String key, byte[] bytes, Map<String, String> metadata, Precondition precondition) {
		PutObjectRequest request = PutObjectRequest.builder()
			.bucket(this.bucket)
			.key(key)
			.metadata(metadata)
			.ifNoneMatch(precondition.ifNoneMatch())
			.ifMatch(precondition.ifMatch())
			.overrideConfiguration(this.calls.budget())
			.build();
		return unlessRefused(() -> this.calls.call(() -> this.client.putObject(request, body(bytes, bytes.length))));
	}

	/**
	 * Uploads {@code length} bytes of a stream in parts, completing the upload if the precondition
	 * holds. Only one part is in memory at a time. Any failure, including a refusal, aborts the
	 * upload so that no part lingers. The caller closes the stream.
	 * @return {@code false} if S3 refused the upload because the precondition failed (412)
	 * @throws IOException if the stream fails or ends before {@code length} bytes
	 */
	boolean writeInParts(String key, InputStream in, long length, Map<String, String> metadata,
			Precondition precondition) throws IOException {
		CreateMultipartUploadRequest create = CreateMultipartUploadRequest.builder()
			.bucket(this.bucket)
			.key(key)
			.metadata(metadata)
			.contentType(CONTENT_TYPE)
			.overrideConfiguration(this.calls.budget())
			.build();
		String uploadId = this.calls.call(() -> this.client.createMultipartUpload(create)).uploadId();
		boolean completed = false;
		try {
			List<CompletedPart> parts = uploadParts(key, uploadId, in, length);
			CompleteMultipartUploadRequest complete = CompleteMultipartUploadRequest.builder()
				.bucket(this.bucket)
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(parts))
				.ifNoneMatch(precondition.ifNoneMatch())
				.ifMatch(precondition.ifMatch())
				// S3 may take a while to assemble a large object
				.overrideConfiguration(this.calls.transferBudget())
				.build();
			completed = unlessRefused(() -> this.calls.call(() -> this.client.completeMultipartUpload(complete)));
			return completed;
		}
		finally {
			if (!completed) {
				abort(key, uploadId);
			}
		}
	}

	private List<CompletedPart> uploadParts(String key, String uploadId, InputStream in, long length)
			throws IOException {
		// ceiling division: at most MAX_PARTS parts, never smaller than the configured size
		long size = Math.max(this.partSize, (length + MAX_PARTS - 1) / MAX_PARTS);
		byte[] buffer = new byte[(int) Math.min(size, length)];
		List<CompletedPart> parts = new ArrayList<>();
		for (long offset = 0; offset < length; offset += buffer.length) {
			int partLength = (int) Math.min(buffer.length, length - offset);
			int read = in.readNBytes(buffer, 0, partLength);
			if (read != partLength) {
				throw new IOException("envelope ended after " + (offset + read) + " of " + length + " bytes");
			}
			int partNumber = parts.size() + 1;
			UploadPartRequest part = UploadPartRequest.builder()
				.bucket(this.bucket)
				.key(key)
				.uploadId(uploadId)
				.partNumber(partNumber)
				.contentLength((long) partLength)
				.overrideConfiguration(this.calls.transferBudget())
				.build();
			RequestBody body = body(buffer, partLength);
			UploadPartResponse uploaded = this.calls.call(() -> this.client.uploadPart(part, body));
			parts.add(CompletedPart.builder()
				.partNumber(partNumber)
				.eTag(uploaded.eTag())
				.checksumCRC32(uploaded.checksumCRC32())
				.build());
		}
		return parts;
	}

	private static boolean unlessRefused(Runnable upload) {
		try {
			upload.run();
			return true;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == PRECONDITION_FAILED) {
				return false;
			}
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

	/** A body reading the start of the array in place; the SDK may open it again for a retry. */
	private static RequestBody body(byte[] bytes, int length) {
		return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
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
