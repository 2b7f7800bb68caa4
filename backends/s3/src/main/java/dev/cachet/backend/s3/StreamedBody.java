package dev.cachet.backend.s3;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a streamed GET, read at the caller's pace but not slower than the transfer budget:
 * every stretch of {@code stretch} bytes must arrive within {@code budget}, or the connection is
 * aborted and the read fails. A connection that stalls inside one read is cut by the HTTP client's
 * socket timeout. Closing before the end of the stream aborts the connection rather than draining
 * the rest of a large object.
 */
final class StreamedBody extends InputStream {

	private final ResponseInputStream<?> response;

	private final long stretch;

	private final long budgetNanos;

	private final S3Calls calls;

	private long position;

	private boolean ended;

	private long stretchEnd;

	private long stretchDeadline;

	StreamedBody(ResponseInputStream<?> response, long stretch, Duration budget, S3Calls calls) {
		this.response = response;
		this.stretch = stretch;
		this.budgetNanos = budget.toNanos();
		this.calls = calls;
		startStretch();
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xFF);
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int read;
		try {
			read = this.response.read(b, off, len);
		}
		catch (IOException ex) {
			this.calls.transferFailed("S3 download failed: " + ex.getClass().getSimpleName());
			throw ex;
		}
		if (read < 0) {
			this.ended = true;
		}
		else if (read > 0) {
			this.position += read;
			if (System.nanoTime() - this.stretchDeadline > 0) {
				String failure = "S3 download slower than " + this.stretch + " bytes in "
						+ Duration.ofNanos(this.budgetNanos).toMillis() + " ms";
				this.calls.transferFailed(failure);
				this.response.abort();
				throw new IOException(failure);
			}
			if (this.position >= this.stretchEnd) {
				startStretch();
			}
		}
		return read;
	}

	@Override
	public int available() throws IOException {
		return this.response.available();
	}

	@Override
	public void close() throws IOException {
		if (!this.ended) {
			this.response.abort();
		}
		this.response.close();
	}

	private void startStretch() {
		this.stretchEnd = this.position + this.stretch;
		this.stretchDeadline = System.nanoTime() + this.budgetNanos;
	}

}
