package dev.cachet.backend.disk;

import java.util.HexFormat;

/**
 * Conversions between the 32-hex names of the naming scheme (cache folders, address ids) and the
 * two longs the compact index keeps of them, without a regular expression or a string per half:
 * the start-up scan converts a million names.
 */
final class IndexKeys {

	static final int HEX_LENGTH = 32;

	private static final char[] DIGITS = "0123456789abcdef".toCharArray();

	private IndexKeys() {
	}

	/** The 32 lowercase hex digits of a 128-bit value. */
	static String hex(long high, long low) {
		char[] chars = new char[HEX_LENGTH];
		write(high, chars, 0);
		write(low, chars, 16);
		return new String(chars);
	}

	/** {@code ~} followed by the 32 lowercase hex digits of a 128-bit value: a hashed stem. */
	static String hashedHex(long high, long low) {
		char[] chars = new char[HEX_LENGTH + 1];
		chars[0] = '~';
		write(high, chars, 1);
		write(low, chars, 17);
		return new String(chars);
	}

	private static void write(long value, char[] chars, int offset) {
		for (int i = 15; i >= 0; i--) {
			chars[offset + i] = DIGITS[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

	/** The value of 16 lowercase hex digits at {@code offset}; the caller checked they are hex. */
	static long parse16(String text, int offset) {
		return HexFormat.fromHexDigitsToLong(text, offset, offset + 16);
	}

	/**
	 * Where the 32 hex digits of a stem start: 0 for a plain hex stem (an address id), 1 for a hashed
	 * one ({@code ~} and 32 hex), -1 for any other stem (a verbatim key id that is not 32 hex).
	 */
	static int hexStart(String stem) {
		int start = (stem.length() == HEX_LENGTH + 1 && stem.charAt(0) == '~') ? 1 : 0;
		if (stem.length() - start != HEX_LENGTH || !EntryNames.isLowerHex(stem, start, stem.length())) {
			return -1;
		}
		return start;
	}

}
