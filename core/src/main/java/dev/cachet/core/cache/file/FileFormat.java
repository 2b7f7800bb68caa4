package dev.cachet.core.cache.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.NullValue;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.cache.Call;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.cache.ResultFormat;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TierOperations;
import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.envelope.EnvelopeStreams;

/**
 * Results of methods that return a {@link Path}: the file is cached by content. Its bytes are
 * streamed from the nearest tier into a local file, verified on the way, and streamed into nearer
 * tiers, so a large file is never whole in the heap. Files above {@value #IN_MEMORY_FILE_LIMIT}
 * bytes are stored only in tiers that stream natively.
 */
public final class FileFormat implements ResultFormat {

	private static final Logger logger = LoggerFactory.getLogger(FileFormat.class);

	/** Codec id of file results, whose payload is the file's bytes. */
	static final String CODEC = "file-1";

	/** File results larger than this are stored only in tiers that stream (not in memory). */
	static final long IN_MEMORY_FILE_LIMIT = 8L * 1024 * 1024;

	private final TierOperations operations;

	private final MaterializedFiles files;

	private final EnvelopeSigner signer;

	/** @param directory where hits are copied to for the callers */
	public FileFormat(TierOperations operations, Path directory, EnvelopeSigner signer) {
		this.operations = operations;
		this.files = new MaterializedFiles(directory);
		this.signer = signer;
	}

	@Override
	public @Nullable Candidate find(TierBinding binding, Call call, long nowMillis) {
		EnvelopeSigner verifier = binding.verifier(signer);
		EnvelopeStreams.Reader reader = operations.openEnvelope(binding, call.cache(), call.keyId(),
				(verifier != null) ? verifier : EnvelopeSigner.none());
		return (reader != null) ? new Found(reader, verifier != null, call) : null;
	}

	/** Files are streamed into the tiers before this returns: the returned path may change once it does. */
	@Override
	public @Nullable CompletableFuture<?> write(List<TierBinding> tiers, Call call, Object storeValue,
			EntryMetadata metadata, Instant now, boolean deferrable) {
		Path file = (storeValue instanceof Path path) ? path : null;
		if (storeValue != NullValue.INSTANCE && (file == null || !Files.isRegularFile(file))) {
			logger.warn("Result of {} not cached: the returned path is not a regular file", metadata.methodId());
			return null;
		}
		try {
			stream(tiers, call, metadata, file, now);
			return CompletableFuture.completedFuture(null);
		}
		catch (IOException ex) {
			logger.warn("Result of {} not cached: its file could not be read ({})", metadata.methodId(),
					ex.getClass().getName());
			logger.debug("File result failure of {}", metadata.methodId(), ex);
			return null;
		}
	}

	/** Removes the local copies of one entry; a failure is logged, the tiers' entries are gone anyway. */
	public void evict(String cache, String key) {
		try {
			files.evict(cache, key);
		}
		catch (IOException ex) {
			logger.debug("Could not delete local copies of an entry of cache '{}'", cache, ex);
		}
	}

	/** Removes the local copies of every entry of a cache; a failure is logged. */
	public void clear(String cache) {
		try {
			files.clear(cache);
		}
		catch (IOException ex) {
			logger.debug("Could not delete local copies of cache '{}'", cache, ex);
		}
	}

	/** Streams a file entry ({@code null} payload: a cached {@code null}) into tiers. */
	private void stream(List<TierBinding> targets, Call call, EntryMetadata metadata, @Nullable Path payload, Instant now)
			throws IOException {
		long size = (payload != null) ? Files.size(payload) : 0;
		long length = EnvelopeStreams.length(CODEC, metadata, size, signer);
		for (TierBinding target : targets) {
			Duration ttl = target.storageTtl(metadata, now);
			if (ttl != null && (target.tier().streaming().isPresent() || size <= IN_MEMORY_FILE_LIMIT)) {
				operations.putEnvelope(target, call.cache(), call.keyId(),
						() -> EnvelopeStreams.compose(CODEC, payload == null, metadata,
								(payload != null) ? Files.newInputStream(payload) : InputStream.nullInputStream(), size,
								signer),
						length, ttl);
			}
		}
	}

	/** An entry being streamed from one tier. */
	private final class Found implements Candidate {

		private final EnvelopeStreams.Reader reader;

		private final boolean signed;

		private final Call call;

		private @Nullable Path local;

		Found(EnvelopeStreams.Reader reader, boolean signed, Call call) {
			this.reader = reader;
			this.signed = signed;
			this.call = call;
		}

		@Override
		public EntryMetadata metadata() {
			return reader.metadata();
		}

		@Override
		public Object value() throws EntryRejectedException {
			if (!reader.nullValue() && !CODEC.equals(reader.codecId())) {
				throw new EntryRejectedException(MissReason.WRONG_TYPE, "not a file entry");
			}
			try {
				if (reader.nullValue()) {
					reader.copyPayloadTo(OutputStream.nullOutputStream());
					if (signed && !reader.signatureValid()) {
						throw new EntryRejectedException(MissReason.BAD_SIGNATURE, "no valid signature");
					}
					return NullValue.INSTANCE;
				}
				local = files.materialize(call.cache(), call.keyId(), reader, signed);
				return local;
			}
			catch (CorruptEnvelopeException ex) {
				throw new EntryRejectedException(MissReason.UNDECODABLE, ex.getMessage());
			}
			catch (IOException ex) {
				// a cut transfer or a local disk error: the entry itself may be intact, keep it
				throw new EntryRejectedException(MissReason.UNREADABLE, ex.toString());
			}
		}

		@Override
		public void promote(List<TierBinding> nearer, Call call, Instant now) {
			try {
				stream(nearer, call, reader.metadata(), local, now);
			}
			catch (IOException ex) {
				logger.debug("File entry of cache '{}' not copied to nearer tiers", call.cache(), ex);
			}
		}

		@Override
		public void close() {
			try {
				reader.close();
			}
			catch (IOException ex) {
				// the entry was read or rejected already
			}
		}

	}

}
