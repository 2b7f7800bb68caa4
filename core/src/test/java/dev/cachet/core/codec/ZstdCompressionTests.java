package dev.cachet.core.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ZstdCompressionTests {

	private final ZstdCompression zstd = new ZstdCompression();

	@Test
	void roundTripsARangeOfAnArray() throws CodecException {
		byte[] text = "cachet ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
		byte[] framed = new byte[text.length + 4];
		System.arraycopy(text, 0, framed, 2, text.length);

		byte[] compressed = this.zstd.compress(framed, 2, text.length);

		assertThat(compressed.length).isLessThan(text.length / 10);
		assertThat(this.zstd.decompress(compressed, 0, compressed.length)).isEqualTo(text);
	}

	@Test
	void roundTripsEmptyInput() throws CodecException {
		byte[] compressed = this.zstd.compress(new byte[0], 0, 0);
		assertThat(this.zstd.decompress(compressed, 0, compressed.length)).isEmpty();
	}

	@Test
	void refusesAFrameDeclaringMoreThanTheMaximumBeforeAllocating() throws CodecException {
		byte[] compressed = new ZstdCompression(3, 1 << 20).compress(new byte[4096], 0, 4096);
		ZstdCompression small = new ZstdCompression(3, 1024);

		assertThatExceptionOfType(CodecException.class)
			.isThrownBy(() -> small.decompress(compressed, 0, compressed.length))
			.withMessageContaining("4096");
	}

	@Test
	void refusesAFrameWithoutContentSize() throws IOException {
		// A streaming compressor does not know the content size when it writes the frame header.
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZstdOutputStream out = new ZstdOutputStream(bytes)) {
			out.write(new byte[100]);
		}
		byte[] streamed = bytes.toByteArray();
		assertThat(Zstd.getFrameContentSize(streamed)).isNegative();
		assertThatExceptionOfType(CodecException.class)
			.isThrownBy(() -> this.zstd.decompress(streamed, 0, streamed.length));
	}

	@Test
	void refusesGarbageTruncationAndBadRanges() throws CodecException {
		byte[] compressed = this.zstd.compress(new byte[1000], 0, 1000);
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.zstd.decompress(new byte[] { 1, 2, 3, 4, 5, 6 }, 0, 6));
		assertThatExceptionOfType(CodecException.class)
			.isThrownBy(() -> this.zstd.decompress(compressed, 0, compressed.length - 1));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.zstd.decompress(compressed, 5, compressed.length));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.zstd.compress(null, 0, 0));
	}

	@Test
	void refusesInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ZstdCompression(99, 1024));
		assertThatIllegalArgumentException().isThrownBy(() -> new ZstdCompression(3, -1));
	}

}
