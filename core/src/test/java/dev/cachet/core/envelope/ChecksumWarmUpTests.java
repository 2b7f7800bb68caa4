package dev.cachet.core.envelope;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumWarmUpTests {

	private static IntStream lengths() {
		return IntStream.range(0, ChecksumWarmUp.CALLS).map(ChecksumWarmUp::length);
	}

	@Test
	void theLengthsCoverEachBranchOfTheHashWithinTheBuffer() {
		assertThat(lengths().min().getAsInt()).isZero();
		assertThat(lengths().max().getAsInt()).isEqualTo(ChecksumWarmUp.LONGEST);
		// XXH3's branches: up to 16 bytes, up to 128, up to 240, then 1 KiB blocks of 64-byte stripes and a tail
		assertThat(lengths().filter(length -> length > 0 && length <= 16).count()).isGreaterThan(10);
		assertThat(lengths().filter(length -> length > 16 && length <= 128).count()).isGreaterThan(10);
		assertThat(lengths().filter(length -> length > 128 && length <= 240).count()).isGreaterThan(10);
		assertThat(lengths().filter(length -> length >= 2 * 1024 && length % 64 != 0).count())
			.as("several blocks and a tail, most calls").isGreaterThan(ChecksumWarmUp.CALLS / 2);
	}

	@Test
	void itChecksumsAFewMegabytesAtMost() {
		assertThat(lengths().asLongStream().sum()).isBetween(4_000_000L, 12_000_000L);
	}

	@Test
	void itReturnsTheChecksumsCombined() {
		byte[] buffer = new byte[ChecksumWarmUp.LONGEST];
		for (int i = 0; i < buffer.length; i++) {
			buffer[i] = (byte) (i * 31);
		}
		long combined = 0;
		for (int i = 0; i < ChecksumWarmUp.CALLS; i++) {
			combined ^= Envelope.checksum(buffer, ChecksumWarmUp.length(i));
		}
		assertThat(ChecksumWarmUp.run()).isEqualTo(combined).isNotZero();
	}

}
