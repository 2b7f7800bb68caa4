package dev.cachet.backend.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;

/**
 * The invalidation history in Redis: a stream of the latest evictions and clears (one key, so one
 * slot of a cluster), each also announced on the invalidation channel. An instance that missed
 * announcements reads them here, from the last entry it saw.
 */
final class InvalidationLog {

	/**
	 * Appends a message to the history, trimmed to about {@code ARGV[1]} entries (never fewer), and
	 * announces it with the id of the entry before it and its own. One round trip, and atomic: no
	 * instance sees the announcement without the entry, or the entry without the announcement.
	 */
	private static final String APPEND = """
			local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
			local previous = '0-0'
			if #newest > 0 then previous = newest[1][1] end
			local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm',
				ARGV[3] .. '\\n' .. ARGV[4] .. '\\n' .. ARGV[5] .. '\\n' .. ARGV[6])
			redis.call('PUBLISH', ARGV[2],
				ARGV[3] .. '\\n' .. ARGV[4] .. ' ' .. previous .. ' ' .. id .. '\\n' .. ARGV[5] .. '\\n' .. ARGV[6])
			return id
			""";

	private static final byte[] FIELD = RedisKeys.bytes("m");

	private final RedisCommandRunner redis;

	private final byte[][] stream;

	private final byte[] channel;

	private final byte[] history;

	/**
	 * @param history how many entries the stream keeps at least
	 */
	InvalidationLog(RedisCommandRunner redis, RedisKeys keys, int history) {
		this.redis = redis;
		this.stream = new byte[][] { keys.invalidationHistory() };
		this.channel = keys.invalidationChannel();
		this.history = RedisKeys.bytes(Integer.toString(history));
	}

	/** Records and announces a message; completes with its id, or exceptionally. */
	CompletableFuture<StreamId> append(InvalidationMessage message) {
		byte[][] arguments = { this.history, this.channel, RedisKeys.bytes(message.type().code),
				RedisKeys.bytes(message.sender()), RedisKeys.bytes(message.key()), RedisKeys.bytes(message.cache()) };
		return this.redis
			.<byte[]>submit(this.stream[0],
					(commands) -> commands.eval(APPEND, ScriptOutputType.VALUE, this.stream, arguments))
			.thenApply((id) -> StreamId.parse(new String(id, StandardCharsets.US_ASCII)));
	}

	/**
	 * Up to {@code count} entries from {@code first} on, {@code first} included if the stream still
	 * holds it: an answer that does not start with it means the entries after it may be gone.
	 */
	List<Entry> read(StreamId first, int count) throws Exception {
		Range<String> range = Range.from(Range.Boundary.including(first.toString()), Range.Boundary.unbounded());
		List<StreamMessage<byte[], byte[]>> found = this.redis
			.call(this.stream[0], (commands) -> commands.xrange(this.stream[0], range, Limit.from(count)));
		List<Entry> entries = new ArrayList<>(found.size());
		for (StreamMessage<byte[], byte[]> message : found) {
			entries.add(new Entry(StreamId.parse(message.getId()), decode(message.getBody())));
		}
		return entries;
	}

	/** The id of the newest entry, or {@code null} if the stream is empty or gone. */
	StreamId newest() throws Exception {
		List<StreamMessage<byte[], byte[]>> newest = this.redis
			.call(this.stream[0], (commands) -> commands.xrevrange(this.stream[0], Range.unbounded(), Limit.from(1)));
		return newest.isEmpty() ? null : StreamId.parse(newest.get(0).getId());
	}

	private static InvalidationMessage decode(Map<byte[], byte[]> body) {
		for (Map.Entry<byte[], byte[]> field : body.entrySet()) {
			if (Arrays.equals(field.getKey(), FIELD)) {
				return InvalidationMessage.parse(field.getValue());
			}
		}
		return null;
	}

	/** An entry of the history; {@code message} is {@code null} if this release cannot read it. */
	record Entry(StreamId id, InvalidationMessage message) {
	}

}
