package dev.cachet.backend.redis;

import java.nio.charset.StandardCharsets;

/**
 * One eviction, clear or marker, as Cachet records it in the invalidation history (the {@code m}
 * field of a stream entry): type ({@code E}, {@code C} or {@code M}), the sender's instance id, the
 * key id (empty for a clear or a marker) and the cache name, separated by line feeds. The cache name
 * comes last, so it may hold any character.
 *
 * <p>The channel carries the same fields, except that the sender field also holds, after spaces, the
 * id of the history entry before this one and this entry's own id (see {@link Notice}).
 *
 * @param type   what happened
 * @param sender the random id of the instance that sent it
 * @param key    the key id, empty unless {@link Type#EVICT}
 * @param cache  the cache name, empty for a {@link Type#MARKER}
 */
record InvalidationMessage(Type type, String sender, String key, String cache) {

	private static final String SEPARATOR = "\n";

	/** What a message says. */
	enum Type {

		/** One key was evicted. */
		EVICT("E"),
		/** A whole cache was cleared. */
		CLEAR("C"),
		/** Nothing: an entry an instance adds to have a known position in an empty history. */
		MARKER("M");

		final String code;

		Type(String code) {
			this.code = code;
		}

		static Type of(String code) {
			for (Type type : values()) {
				if (type.code.equals(code)) {
					return type;
				}
			}
			return null;
		}

	}

	static InvalidationMessage evict(String sender, String cache, String key) {
		return new InvalidationMessage(Type.EVICT, sender, key, cache);
	}

	static InvalidationMessage clear(String sender, String cache) {
		return new InvalidationMessage(Type.CLEAR, sender, "", cache);
	}

	static InvalidationMessage marker(String sender) {
		return new InvalidationMessage(Type.MARKER, sender, "", "");
	}

	/** Parses a history entry's body; {@code null} if it is not a message of a type this release knows. */
	static InvalidationMessage parse(byte[] body) {
		String[] fields = new String(body, StandardCharsets.UTF_8).split(SEPARATOR, 4);
		Type type = (fields.length == 4) ? Type.of(fields[0]) : null;
		return (type != null) ? new InvalidationMessage(type, fields[1], fields[2], fields[3]) : null;
	}

	/**
	 * A message as received on the channel. The ids let a receiver check that it saw every entry of
	 * the history: {@code previous} must be the last one it applied. They are {@code null} when the
	 * sender did not record the message in the history (an instance of an earlier release).
	 *
	 * <p>The ids ride in the sender field because instances of the earlier release compare that field
	 * with their own id and otherwise ignore it: during a rolling upgrade they still apply what newer
	 * instances announce.
	 */
	record Notice(InvalidationMessage message, StreamId previous, StreamId id) {

		/** Parses a channel message; {@code null} if it is malformed. */
		static Notice parse(byte[] body) {
			InvalidationMessage message = InvalidationMessage.parse(body);
			if (message == null) {
				return null;
			}
			String[] sender = message.sender().split(" ", 3);
			if (sender.length != 3) {
				return new Notice(message, null, null);
			}
			InvalidationMessage bare = new InvalidationMessage(message.type(), sender[0], message.key(),
					message.cache());
			try {
				return new Notice(bare, StreamId.parse(sender[1]), StreamId.parse(sender[2]));
			}
			catch (IllegalArgumentException ex) {
				return new Notice(bare, null, null);
			}
		}

	}

}
