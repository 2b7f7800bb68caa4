package dev.cachet.core.hash;

/**
 * The first byte of every encoded value, so values of different types never share an encoding.
 *
 * <p>These bytes are part of every stored key: add new tags, never renumber or reuse one. A change
 * to the meaning of an existing encoding must raise {@link #FORMAT_VERSION}, which makes every key
 * a miss instead of a possibly wrong hit.
 */
final class TypeTag {

	/** Written once at the start of every digest. */
	static final byte FORMAT_VERSION = 1;

	static final byte NULL = 0;

	static final byte BOOLEAN = 1;

	static final byte BYTE = 2;

	static final byte SHORT = 3;

	static final byte CHAR = 4;

	static final byte INT = 5;

	static final byte LONG = 6;

	static final byte FLOAT = 7;

	static final byte DOUBLE = 8;

	static final byte STRING = 9;

	static final byte BIG_INTEGER = 10;

	static final byte BIG_DECIMAL = 11;

	static final byte UUID = 12;

	static final byte ENUM = 13;

	static final byte CLASS = 14;

	static final byte LOCALE = 15;

	static final byte CURRENCY = 16;

	static final byte URI = 17;

	static final byte URL = 18;

	static final byte FILE = 19;

	static final byte PATH = 20;

	static final byte PATH_URI = 21;

	static final byte DATE = 22;

	static final byte INSTANT = 30;

	static final byte LOCAL_DATE = 31;

	static final byte LOCAL_TIME = 32;

	static final byte LOCAL_DATE_TIME = 33;

	static final byte OFFSET_DATE_TIME = 34;

	static final byte OFFSET_TIME = 35;

	static final byte ZONED_DATE_TIME = 36;

	static final byte DURATION = 37;

	static final byte PERIOD = 38;

	static final byte YEAR = 39;

	static final byte YEAR_MONTH = 40;

	static final byte MONTH_DAY = 41;

	static final byte ZONE_OFFSET = 42;

	static final byte ZONE_REGION = 43;

	static final byte OPTIONAL = 50;

	static final byte OPTIONAL_INT = 51;

	static final byte OPTIONAL_LONG = 52;

	static final byte OPTIONAL_DOUBLE = 53;

	static final byte LIST = 54;

	static final byte SET = 55;

	static final byte MAP = 56;

	static final byte MAP_ENTRY = 57;

	/** A collection that is neither a List nor a Set (a queue, a deque), in iteration order. */
	static final byte SEQUENCE = 58;

	static final byte OBJECT_ARRAY = 59;

	static final byte BOOLEAN_ARRAY = 60;

	static final byte BYTE_ARRAY = 61;

	static final byte SHORT_ARRAY = 62;

	static final byte CHAR_ARRAY = 63;

	static final byte INT_ARRAY = 64;

	static final byte LONG_ARRAY = 65;

	static final byte FLOAT_ARRAY = 66;

	static final byte DOUBLE_ARRAY = 67;

	static final byte RECORD = 70;

	static final byte BEAN = 71;

	static final byte CUSTOM = 72;

	/** Closes the open-ended output of a custom {@link ArgumentHasher}. */
	static final byte END = 73;

	private TypeTag() {
	}

}
