package dev.cachet.core.hash;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types whose instances can never be hashed: their state is a position in something external or a
 * computation still running, not a value. Matched by name, so optional APIs (JDBC, servlets) need
 * not be on the class path.
 */
final class UnsupportedTypes {

	private static final String STREAM = "a stream is consumed when read and has no value of its own";

	private static final String RESOURCE = "it is a handle to an external resource, not a value";

	private static final String RUNNING = "it is running work, not a value";

	private static final Map<String, String> REASONS = Map.ofEntries(
			Map.entry("java.io.InputStream", STREAM),
			Map.entry("java.io.OutputStream", STREAM),
			Map.entry("java.io.Reader", STREAM),
			Map.entry("java.io.Writer", STREAM),
			Map.entry("java.util.stream.BaseStream", STREAM),
			Map.entry("java.util.Iterator", "an iterator is consumed when read"),
			Map.entry("java.util.Spliterator", "a spliterator is consumed when read"),
			Map.entry("java.nio.channels.Channel", RESOURCE),
			Map.entry("java.net.Socket", RESOURCE),
			Map.entry("java.net.ServerSocket", RESOURCE),
			Map.entry("java.sql.Connection", RESOURCE),
			Map.entry("java.sql.Statement", RESOURCE),
			Map.entry("java.sql.ResultSet", RESOURCE),
			Map.entry("javax.sql.DataSource", RESOURCE),
			Map.entry("jakarta.servlet.ServletRequest", RESOURCE),
			Map.entry("jakarta.servlet.ServletResponse", RESOURCE),
			Map.entry("java.lang.ClassLoader", RESOURCE),
			Map.entry("java.lang.Thread", RUNNING),
			Map.entry("java.util.concurrent.Executor", RUNNING),
			Map.entry("java.util.concurrent.Future", RUNNING));

	private UnsupportedTypes() {
	}

	/** Why {@code type} can never be hashed, or {@code null} if nothing in its hierarchy says so. */
	static String reason(Class<?> type) {
		Deque<Class<?>> pending = new ArrayDeque<>();
		Set<Class<?>> seen = new HashSet<>();
		pending.add(type);
		while (!pending.isEmpty()) {
			Class<?> candidate = pending.poll();
			if (!seen.add(candidate)) {
				continue;
			}
			String reason = REASONS.get(candidate.getName());
			if (reason != null) {
				return candidate.getName() + ": " + reason;
			}
			if (candidate.getSuperclass() != null) {
				pending.add(candidate.getSuperclass());
			}
			pending.addAll(List.of(candidate.getInterfaces()));
		}
		return null;
	}

}
