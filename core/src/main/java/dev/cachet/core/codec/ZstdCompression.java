package dev.cachet.core.codec;

import java.util.Arrays;

import com.github.luben.zstd.Zstd;

/**
 * Zstandard compression of whole payloads in single frames that record their content size, so that
 * decompression can refuse a frame that claims more than a configured maximum (a decompression bomb)
 * before allocating anything. Thread-safe.
 */
public final class ZstdCompression {

	/** The largest array a JVM reliably allocates. */
	public static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

	private final int level;

	private final int maxDecompressedSize;

	/** Level 3 (zstd's default), at most {@link #MAX_ARRAY_SIZE} bytes decompressed. */
	public ZstdCompression() {
		this(3, MAX_ARRAY_SIZE);
	}

	/**
	 * @param level zstd compression level, from {@link Zstd#minCompressionLevel()} to
	 * {@link Zstd#maxCompressionLevel()}
	 * @param maxDecompressedSize frames declaring more content than this are refused
	 */
	public ZstdCompression(int level, int maxDecompressedSize) {
		if (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel()) {
			throw new IllegalArgumentException("Unsupported zstd level " + level);
		}
		if (maxDecompressedSize < 0 || maxDecompressedSize > MAX_ARRAY_SIZE) {
			throw new IllegalArgumentException("maxDecompressedSize must be in [0, " + MAX_ARRAY_SIZE + "]");
		}
		this.level = level;
		this.maxDecompressedSize = maxDecompressedSize;
	}

	/** Compresses {@code len} bytes of {@code src} from {@code off} into one zstd frame. */
	public byte[] compress(byte[] src, int off, int len) throws CodecException {
		checkRange(src, off, len);
		try {
			byte[] dst = new byte[Math.toIntExact(Zstd.compressBound(len))];
			long written = Zstd.compressByteArray(dst, 0, dst.length, src, off, len, this.level);
			if (Zstd.isError(written)) {
				throw new CodecException("zstd compression failed: " + Zstd.getErrorName(written));
			}
			return (written == dst.length) ? dst : Arrays.copyOf(dst, (int) written);
		}
		catch (CodecException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new CodecException("zstd compression failed: " + ex, ex);
		}
	}

	/**
	 * Decompresses one zstd frame of {@code len} bytes of {@code src} from {@code off}. The frame must
	 * declare its content size, which must not exceed the configured maximum, and must fill exactly that
	 * size.
	 */
	public byte[] decompress(byte[] src, int off, int len) throws CodecException {
		checkRange(src, off, len);
		try {
			long size = Zstd.getFrameContentSize(src, off, len);
			if (size < 0) {
				throw new CodecException("Not a zstd frame with a known content size (" + size + ")");
			}
			if (size > this.maxDecompressedSize) {
				throw new CodecException(
						"zstd frame declares " + size + " bytes, more than the maximum " + this.maxDecompressedSize);
			}
			byte[] dst = new byte[(int) size];
			long read = Zstd.decompressByteArray(dst, 0, dst.length, src, off, len);
			if (Zstd.isError(read)) {
				throw new CodecException("zstd decompression failed: " + Zstd.getErrorName(read));
			}
			if (read != size) {
				throw new CodecException("zstd frame declared " + size + " bytes but held " + read);
			}
			return dst;
		}
		catch (CodecException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new CodecException("zstd decompression failed: " + ex, ex);
		}
	}

	private static void checkRange(byte[] src, int off, int len) throws CodecException {
		if (src == null || off < 0 || len < 0 || off > src.length - len) {
			throw new CodecException("Invalid byte range");
		}
	}

}
