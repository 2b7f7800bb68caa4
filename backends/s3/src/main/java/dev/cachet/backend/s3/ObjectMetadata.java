package dev.cachet.backend.s3;

import java.time.Instant;
import java.util.Map;

import dev.cachet.core.envelope.EntryMetadata;

/**
 * The user metadata Cachet stores with each object ({@code x-amz-meta-cachet-expires},
 * {@code x-amz-meta-cachet-created}, epoch milliseconds), and the rule deciding whether a write
 * replaces an object that is already there.
 *
 * <p>A write first uploads with {@code If-None-Match: *}. If an object exists, it is replaced only
 * when it is expired, carries no Cachet metadata, or was created before the new value's computation
 * started ({@code created-at - compute time}): it is then an older value that the cache chose not to
 * use (recompute, {@code @CachePut}, or a stricter max-age). An object created while the new value
 * was being computed comes from a concurrent computation of the same key elsewhere, so it is kept
 * and the upload is skipped: concurrent instances upload an entry once.
 */
final class ObjectMetadata {

	static final String EXPIRES = "cachet-expires";

	static final String CREATED = "cachet-created";

	private ObjectMetadata() {
	}

	static Map<String, String> of(EntryMetadata entry, Instant expires) {
		return Map.of(EXPIRES, Long.toString(expires.toEpochMilli()), CREATED,
				Long.toString(entry.createdAt().toEpochMilli()));
	}

	/** Whether an object with this metadata is past its storage expiry at {@code now}. */
	static boolean expired(Map<String, String> metadata, Instant now) {
		Long expires = millis(metadata.get(EXPIRES));
		return expires != null && expires <= now.toEpochMilli();
	}

	/** Whether a new entry replaces the object that holds this metadata (see the class comment). */
	static boolean replacedBy(Map<String, String> existing, EntryMetadata entry, Instant now) {
		Long created = millis(existing.get(CREATED));
		if (created == null || expired(existing, now)) {
			return true;
		}
		return created < entry.createdAt().minus(entry.computeTime()).toEpochMilli();
	}

	private static Long millis(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
