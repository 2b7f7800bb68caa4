package dev.cachet.autoconfigure.reliability;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import com.dynatrace.hash4j.hashing.Hashing;

import dev.cachet.core.envelope.Envelope;

/**
 * Turns a valid envelope into a damaged or forged one. Damage (bit flips, truncation, extension, random
 * bytes) leaves the checksum as it was, as a failing disk or a bad copy would. Forgeries recompute the
 * checksum, as anyone who can write to a shared tier can: the checksum detects damage, it does not
 * authenticate.
 */
final class EnvelopeMutator {

	/** What a mutation did, and what a reader may then return. */
	enum Kind {

		PAYLOAD_FLIP(true), HEADER_FLIP(true), CHECKSUM_FLIP(true), TRUNCATION(true), EXTENSION(true), RANDOM_BYTES(true),
		/** Another codec's id on an intact payload. */
		FORGED_CODEC_ID(true),
		/** A payload length far beyond the bytes. */
		FORGED_GIANT_LENGTH(true),
		/** Other creation time, max-age or compute time, producer kind or address. */
		FORGED_METADATA(true),
		/** A compressed payload whose zstd frame claims 1.5 GB. */
		FORGED_ZSTD_BOMB(true),
		/** Forged payload bits or flags: any decodable value of an allowed class may come out. */
		FORGED_PAYLOAD(false), FORGED_FLAGS(false);

		/** Whether a reader must return the original value or a miss, nothing else. */
		final boolean originalOrMiss;

		Kind(boolean originalOrMiss) {
			this.originalOrMiss = originalOrMiss;
		}

	}

	/** Offsets in the fixed header: created-at, max-age and compute time (8 bytes each). */
	private static final int TIMES_START = 6;

	private static final int TIMES_END = 30;

	private final SplittableRandom random;

	EnvelopeMutator(long seed) {
		this.random = new SplittableRandom(seed);
	}

	Kind nextKind(int caseNumber) {
		if (caseNumber % 2000 == 1999) {
			return Kind.FORGED_ZSTD_BOMB; // each one allocates 1.5 GB before failing: a few suffice
		}
		Kind kind;
		do {
			kind = Kind.values()[this.random.nextInt(Kind.values().length)];
		}
		while (kind == Kind.FORGED_ZSTD_BOMB);
		return kind;
	}

	byte[] mutate(Envelope valid, Kind kind) {
		byte[] bytes = valid.bytes().clone();
		int header = valid.payloadOffset();
		int payloadEnd = header + valid.payloadLength();
		return switch (kind) {
			case PAYLOAD_FLIP -> flip(bytes, header, Math.max(header + 1, payloadEnd));
			case HEADER_FLIP -> flip(bytes, 0, header);
			case CHECKSUM_FLIP -> flip(bytes, bytes.length - 8, bytes.length);
			case TRUNCATION -> Arrays.copyOf(bytes, 1 + this.random.nextInt(bytes.length - 1));
			case EXTENSION -> randomTail(Arrays.copyOf(bytes, bytes.length + 1 + this.random.nextInt(64)), bytes.length);
			case RANDOM_BYTES -> randomTail(new byte[1 + this.random.nextInt(512)], 0);
			case FORGED_CODEC_ID -> Envelope.create(codecId(), valid.compressed(), valid.nullValue(), valid.metadata(),
					valid.bytes(), header, valid.payloadLength()).bytes();
			case FORGED_GIANT_LENGTH -> resealed(putInt(bytes, header - 4, giantLength()));
			case FORGED_METADATA -> resealed(flipMetadata(bytes, valid));
			case FORGED_ZSTD_BOMB -> Envelope.create(valid.codecId(), true, false, valid.metadata(), ZSTD_BOMB, 0,
					ZSTD_BOMB.length).bytes();
			case FORGED_PAYLOAD -> resealed(flip(bytes, header, Math.max(header + 1, payloadEnd)));
			case FORGED_FLAGS -> {
				bytes[5] ^= (byte) (1 + this.random.nextInt(3));
				yield resealed(bytes);
			}
		};
	}

	/**
	 * A zstd frame: magic, a descriptor for a single segment with an 8-byte content size of 1.5 GB, then
	 * one last raw block of 4 bytes.
	 */
	private static final byte[] ZSTD_BOMB = ByteBuffer.allocate(4 + 1 + 8 + 3 + 4)
		.order(java.nio.ByteOrder.LITTLE_ENDIAN)
		.putInt(0xFD2FB528)
		.put((byte) 0xE0)
		.putLong(1_500_000_000L)
		.put(new byte[] { (4 << 3) | 1, 0, 0 })
		.putInt(0x61626364)
		.array();

	private byte[] flip(byte[] bytes, int from, int to) {
		int flips = 1 + this.random.nextInt(8);
		for (int i = 0; i < flips; i++) {
			int position = from + this.random.nextInt(Math.max(1, Math.min(to, bytes.length) - from));
			bytes[position] ^= (byte) (1 << this.random.nextInt(8));
		}
		return bytes;
	}

	private byte[] flipMetadata(byte[] bytes, Envelope valid) {
		return switch (this.random.nextInt(3)) {
			case 0 -> flip(bytes, TIMES_START, TIMES_END);
			case 1 -> {
				// the producer kind follows the codec id and its length
				bytes[TIMES_END + 1 + (bytes[TIMES_END] & 0xFF)] ^= (byte) (1 + this.random.nextInt(3));
				yield bytes;
			}
			default -> {
				// a character of the address, which ends before the version, the inputs' expiry and the
				// input count (20 bytes; the fuzzed entries have no inputs) and the payload length (4)
				int addressEnd = valid.payloadOffset() - 4 - 20;
				int addressLength = valid.metadata().address().getBytes(StandardCharsets.UTF_8).length;
				bytes[addressEnd - 1 - this.random.nextInt(addressLength)] ^= 1;
				yield bytes;
			}
		};
	}

	private byte[] randomTail(byte[] bytes, int from) {
		for (int i = from; i < bytes.length; i++) {
			bytes[i] = (byte) this.random.nextInt(256);
		}
		return bytes;
	}

	private String codecId() {
		String[] ids = { "kryo-1", "fory-2", "", "jdk", "FORY-1", "fory-1 " };
		return ids[this.random.nextInt(ids.length)];
	}

	private int giantLength() {
		int[] lengths = { Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 1 << 30, 0x7FFFFFF0 };
		return lengths[this.random.nextInt(lengths.length)];
	}

	private static byte[] putInt(byte[] bytes, int offset, int value) {
		ByteBuffer.wrap(bytes).putInt(offset, value);
		return bytes;
	}

	/** Recomputes the trailing checksum in place, as a forger would. */
	static byte[] resealed(byte[] bytes) {
		long checksum = Hashing.xxh3_64().hashBytesToLong(bytes, 0, bytes.length - 8);
		ByteBuffer.wrap(bytes).putLong(bytes.length - 8, checksum);
		return bytes;
	}

}
