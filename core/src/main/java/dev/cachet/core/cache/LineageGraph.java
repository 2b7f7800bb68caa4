package dev.cachet.core.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;

/**
 * Which caches feed which, as far as this instance has seen: for each entry it computed, or copied
 * from a farther tier, the caches its inputs came from. It answers the Actuator; whether an entry
 * may be served never depends on it, since every entry records its own inputs. Only cache names and
 * method ids are kept, so it stays small and costs no allocation once a link is known.
 */
public final class LineageGraph {

	/** Dependent cache, then its computing method, then input cache: how many entries were seen. */
	private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, LongAdder>>> links = new ConcurrentHashMap<>();

	/** Notes an entry of {@code cache} and the caches of the inputs its metadata records. */
	void seen(String cache, EntryMetadata metadata) {
		ConcurrentMap<String, LongAdder> from = methodsOf(cache).get(metadata.methodId());
		if (from == null) {
			from = methodsOf(cache).computeIfAbsent(metadata.methodId(), method -> new ConcurrentHashMap<>());
		}
		for (EntryInputs.Input input : metadata.inputs().inputs()) {
			LongAdder count = from.get(input.cache());
			if (count == null) {
				count = from.computeIfAbsent(input.cache(), name -> new LongAdder());
			}
			count.increment();
		}
	}

	/** Which caches feed which: one row per input cache, dependent cache and dependent method. */
	public List<CacheFeed> feeds() {
		List<CacheFeed> feeds = new ArrayList<>();
		links.forEach((to, methods) -> methods.forEach((method, from) -> from
			.forEach((input, count) -> feeds.add(new CacheFeed(input, to, method, count.sum())))));
		feeds.sort(Comparator.comparing(CacheFeed::from).thenComparing(CacheFeed::to).thenComparing(CacheFeed::method));
		return feeds;
	}

	/** The caches that entries read from {@code cache} were seen feeding. */
	public List<String> fedBy(String cache) {
		return feeds().stream().filter(feed -> feed.from().equals(cache)).map(CacheFeed::to).distinct().toList();
	}

	private ConcurrentMap<String, ConcurrentMap<String, LongAdder>> methodsOf(String cache) {
		ConcurrentMap<String, ConcurrentMap<String, LongAdder>> methods = links.get(cache);
		return (methods != null) ? methods : links.computeIfAbsent(cache, name -> new ConcurrentHashMap<>());
	}

	/**
	 * Entries of cache {@code from} read by {@code method} (empty: application code) computing entries
	 * of cache {@code to}.
	 *
	 * @param reads how many such reads the entries seen recorded
	 */
	public record CacheFeed(String from, String to, String method, long reads) {
	}

}
