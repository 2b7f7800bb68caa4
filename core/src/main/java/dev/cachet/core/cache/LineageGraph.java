package dev.cachet.core.cache;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;

/**
 * Which entries were computed from which, as far as this instance has seen: entries it computed, and
 * entries it copied from a farther tier. It answers the Actuator's questions (an entry's dependents;
 * which caches feed which); whether an entry may be served never depends on it, since every entry
 * records its own inputs. It keeps at most {@value #MAX_DEPENDENTS} links, then stops adding and says
 * it is {@linkplain #complete() incomplete}; links to entries gone since are not forgotten.
 */
public final class LineageGraph {

	private static final int MAX_DEPENDENTS = 50_000;

	private final ConcurrentMap<String, Set<Dependent>> dependents = new ConcurrentHashMap<>();

	private final ConcurrentMap<CacheLink, LongAdder> links = new ConcurrentHashMap<>();

	private final AtomicInteger size = new AtomicInteger();

	private volatile boolean complete = true;

	/** Notes an entry of {@code cache} at {@code key} and the inputs its metadata records. */
	void seen(String cache, String key, EntryMetadata metadata) {
		for (EntryInputs.Input input : metadata.inputs().inputs()) {
			Set<Dependent> known = dependents.get(EntryMetadata.address(input.cache(), input.key()));
			Dependent dependent = new Dependent(cache, key, metadata.methodId());
			if (known != null && known.contains(dependent)) {
				continue;
			}
			if (size.get() >= MAX_DEPENDENTS) {
				complete = false;
				return;
			}
			if (dependents.computeIfAbsent(EntryMetadata.address(input.cache(), input.key()),
					address -> ConcurrentHashMap.newKeySet()).add(dependent)) {
				size.incrementAndGet();
				links.computeIfAbsent(new CacheLink(input.cache(), cache, metadata.methodId()), link -> new LongAdder())
					.increment();
			}
		}
	}

	/** The entries known to have been computed from the entry at {@code key} of {@code cache}. */
	public List<Dependent> dependentsOf(String cache, String key) {
		Set<Dependent> known = dependents.get(EntryMetadata.address(cache, key));
		return (known != null) ? known.stream().sorted(Comparator.comparing(Dependent::cache).thenComparing(Dependent::key)).toList()
				: List.of();
	}

	/** Which caches feed which: one row per input cache, dependent cache and dependent method. */
	public List<CacheFeed> feeds() {
		return links.entrySet()
			.stream()
			.map(link -> new CacheFeed(link.getKey().from(), link.getKey().to(), link.getKey().method(),
					link.getValue().sum()))
			.sorted(Comparator.comparing(CacheFeed::from).thenComparing(CacheFeed::to).thenComparing(CacheFeed::method))
			.toList();
	}

	/** Whether every link seen was kept (false once {@value #MAX_DEPENDENTS} were). */
	public boolean complete() {
		return complete;
	}

	/**
	 * An entry computed from another.
	 *
	 * @param method the id of the method that computed it, empty for application code
	 */
	public record Dependent(String cache, String key, String method) {
	}

	/**
	 * Entries of cache {@code from} read by {@code method} computing entries of cache {@code to}.
	 *
	 * @param links how many (input, dependent) pairs were seen
	 */
	public record CacheFeed(String from, String to, String method, long links) {
	}

	private record CacheLink(String from, String to, String method) {
	}

}
