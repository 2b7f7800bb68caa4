package dev.cachet.core.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

import dev.cachet.core.codec.fixtures.Checksummed;
import dev.cachet.core.codec.fixtures.Customer;
import dev.cachet.core.codec.fixtures.LegacyBean;
import dev.cachet.core.codec.fixtures.Money;
import dev.cachet.core.codec.fixtures.Order;
import dev.cachet.core.codec.fixtures.Status;
import dev.cachet.core.codec.fixtures.Vessel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds random and mutated bytes to {@code decode}: whatever it makes of them, the only exception that
 * may escape is {@link CodecException}.
 */
class ForyValueCodecFuzzTests {

	private static final int CASES = 10_000;

	private final ForyValueCodec codec = new ForyValueCodec(ClassAllowlist.of(List.of("dev.cachet.core.codec.fixtures")));

	@Test
	void onlyCodecExceptionEscapesDecode() throws CodecException {
		List<byte[]> valid = validEncodings();
		SplittableRandom random = new SplittableRandom(20261122);
		List<Throwable> escaped = new ArrayList<>();
		int refused = 0;
		for (int i = 0; i < CASES; i++) {
			byte[] input = mutant(valid.get(random.nextInt(valid.size())), random);
			try {
				this.codec.decode(input, 0, input.length);
			}
			catch (CodecException ex) {
				refused++;
			}
			catch (Throwable ex) {
				escaped.add(ex);
			}
		}
		assertThat(escaped).isEmpty();
		// Most mutants must be refused, or the mutations did not reach the decoder.
		assertThat(refused).isGreaterThan(CASES / 2);
	}

	@Test
	void refusesEmptyAndOutOfRangeInput() {
		byte[] valid = new byte[8];
		List<int[]> ranges = List.of(new int[] { 0, 0 }, new int[] { -1, 4 }, new int[] { 4, 5 },
				new int[] { 0, Integer.MAX_VALUE }, new int[] { Integer.MAX_VALUE, 1 });
		for (int[] range : ranges) {
			assertThat(catchDecode(valid, range[0], range[1])).isInstanceOf(CodecException.class);
		}
		assertThat(catchDecode(null, 0, 1)).isInstanceOf(CodecException.class);
	}

	private Throwable catchDecode(byte[] bytes, int offset, int length) {
		try {
			this.codec.decode(bytes, offset, length);
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private List<byte[]> validEncodings() throws CodecException {
		LegacyBean bean = new LegacyBean();
		bean.setName("bean");
		bean.setTags(new ArrayList<>(List.of("a", "b")));
		Map<String, Object> map = new HashMap<>();
		map.put("order", new Order(1, new Customer("c", null, new Customer.Address("s", "c", "FR")),
				List.of(new Order.Line("x", 1, BigDecimal.TEN)), Status.OPEN, Instant.EPOCH, Map.of()));
		map.put("money", new Money(5, "EUR"));
		map.put("optional", Optional.of(new TreeMap<>(Map.of(1, "one"))));
		List<Object> values = List.of(Vessel.sample(20), map, bean, new Checksummed("fuzz"), "plain string",
				new long[] { 1, 2, 3 }, Arrays.asList(1, null, 3), Status.CANCELLED);
		List<byte[]> encodings = new ArrayList<>();
		for (Object value : values) {
			encodings.add(this.codec.encode(value));
		}
		return encodings;
	}

	private static byte[] mutant(byte[] valid, SplittableRandom random) {
		return switch (random.nextInt(5)) {
			case 0 -> flipBits(valid, random);
			case 1 -> Arrays.copyOf(valid, random.nextInt(1, valid.length));
			case 2 -> randomBytes(random, 1 + random.nextInt(256));
			case 3 -> overwriteWithLargeNumber(valid, random);
			default -> flipBits(Arrays.copyOf(valid, valid.length + random.nextInt(1, 64)), random);
		};
	}

	private static byte[] flipBits(byte[] valid, SplittableRandom random) {
		byte[] copy = valid.clone();
		int flips = 1 + random.nextInt(8);
		for (int i = 0; i < flips; i++) {
			int position = random.nextInt(copy.length);
			copy[position] ^= (byte) (1 << random.nextInt(8));
		}
		return copy;
	}

	/** Puts a varint near {@code Integer.MAX_VALUE} where a length or count may be read. */
	private static byte[] overwriteWithLargeNumber(byte[] valid, SplittableRandom random) {
		byte[] copy = valid.clone();
		byte[] large = { (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07 };
		int position = random.nextInt(copy.length);
		System.arraycopy(large, 0, copy, position, Math.min(large.length, copy.length - position));
		return copy;
	}

	private static byte[] randomBytes(SplittableRandom random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
