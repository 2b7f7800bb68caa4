package dev.cachet.backend.redis;

/**
 * The id of a Redis Stream entry, {@code <milliseconds>-<sequence>}: unique within a stream and
 * increasing in the order entries were added.
 */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {

	/**
	 * Parses an id as Redis returns it.
	 * @throws IllegalArgumentException if it is not one
	 */
	static StreamId parse(String text) {
		int dash = text.indexOf('-');
		if (dash < 1) {
			throw new IllegalArgumentException("Not a stream id: " + text);
		}
		try {
			return new StreamId(Long.parseUnsignedLong(text, 0, dash, 10),
					Long.parseUnsignedLong(text, dash + 1, text.length(), 10));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a stream id: " + text, ex);
		}
	}

	@Override
	public int compareTo(StreamId other) {
		int byMillis = Long.compareUnsigned(this.millis, other.millis);
		return (byMillis != 0) ? byMillis : Long.compareUnsigned(this.sequence, other.sequence);
	}

	@Override
	public String toString() {
		return Long.toUnsignedString(this.millis) + "-" + Long.toUnsignedString(this.sequence);
	}

}
