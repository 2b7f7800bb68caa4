package dev.cachet.core.key;

import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text form of an address is the 32 lowercase hex digits of its two halves, and reads back as them. */
class CachetKeyTests {

	@Test
	void theTextFormPrintsBothHalvesAndReadsBackAsTheSameAddress() {
		SplittableRandom random = new SplittableRandom(42);
		long[] edges = { 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL };
		for (int i = 0; i < 1_000; i++) {
			long high = (i < edges.length) ? edges[i] : random.nextLong();
			long low = (i < edges.length) ? edges[edges.length - 1 - i] : random.nextLong();
			CachetKey key = CachetKey.of(high, low);
			assertThat(key.id()).isEqualTo(HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low));
			assertThat(CachetKey.of(key.id())).isEqualTo(key);
		}
	}

}
