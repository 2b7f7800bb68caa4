package dev.cachet.core.cache;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.AbstractValueAdaptingCache;

import dev.cachet.core.cache.file.FileFormat;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.ResolvedPolicy;

/**
 * A Spring {@link org.springframework.cache.Cache} over an ordered list of tiers, nearest first.
 *
 * <p>An entry's address is the cache name and the key as Spring means it, so {@code evict},
 * {@code put} and {@code clear} behave as with Spring's own caches, across methods. Whether an entry
 * may be served is decided at read time from what it records: the address it was written under, the
 * method and code fingerprint that produced it, its age against the max-age in force, and its type.
 * The cache Spring's interceptor uses for an annotated method is a view {@linkplain #bind bound} to
 * that method; this instance itself stands for application code using the cache directly.
 *
 * <p>This class adapts Spring's API; the work is done by collaborators with one job each:
 * {@link CallResolver} (address and policy), {@link TierChain} (read, validity, promotion, writes),
 * {@link SingleFlight} (one computation per key) and a {@link ResultFormat} (values or files).
 */
public class TieredCache extends AbstractValueAdaptingCache {

	private static final Logger logger = LoggerFactory.getLogger(TieredCache.class);

	private final String name;

	private final CacheSettings settings;

	private final CallResolver calls;

	private final TierChain chain;

	private final SingleFlight flight;

	private final CacheStatistics statistics;

	private final ValueFormat values;

	private final FileFormat files;

	private final MissTimer timer;

	private final Caller caller;

	private final ConcurrentMap<Caller, TieredCache> bound;

	TieredCache(String name, CacheSettings settings, List<TierBinding> tiers, CacheRuntime runtime) {
		super(settings.allowNullValues());
		this.name = name;
		this.settings = settings;
		this.calls = new CallResolver(name, settings, runtime.addresses());
		this.statistics = new CacheStatistics();
		this.chain = new TierChain(name, tiers, runtime.operations(), runtime.validity(), statistics, runtime.clock());
		this.flight = new SingleFlight(name, runtime.lease());
		this.values = runtime.values();
		this.files = runtime.files();
		this.timer = new MissTimer();
		this.caller = Caller.PROGRAMMATIC;
		this.bound = new ConcurrentHashMap<>();
	}

	/** A view of {@code cache} bound to another caller. */
	private TieredCache(TieredCache cache, Caller caller) {
		super(cache.isAllowNullValues());
		this.name = cache.name;
		this.settings = cache.settings;
		this.calls = cache.calls;
		this.chain = cache.chain;
		this.flight = cache.flight;
		this.statistics = cache.statistics;
		this.values = cache.values;
		this.files = cache.files;
		this.timer = cache.timer;
		this.caller = caller;
		this.bound = cache.bound;
	}

	/**
	 * This cache as {@code caller} uses it: its writes record the caller as their producer, and its
	 * reads serve only entries that caller may take. Views are kept, one per caller.
	 */
	public TieredCache bind(Caller caller) {
		return (caller.equals(this.caller)) ? this
				: bound.computeIfAbsent(caller, key -> new TieredCache(this, key));
	}

	@Override
	public String getName() {
		return name;
	}

	/** The tiers in lookup order. */
	@Override
	public List<TierBinding> getNativeCache() {
		return chain.tiers();
	}

	public CacheSettings settings() {
		return settings;
	}

	public CacheStatistics statistics() {
		return statistics;
	}

	/** The max-age and behaviour a call of {@code method} (or {@code null}: application code) gets now, with the layer of each. */
	public ResolvedPolicy policyFor(CachedMethod method) {
		return calls.policyFor(method);
	}

	@Override
	protected Object lookup(Object key) {
		Call call = calls.resolve(key, caller);
		if (!call.reads()) {
			if (!call.writes()) {
				statistics.uncached();
			}
			return null;
		}
		Object value = read(call);
		if (value == null) {
			timer.missed(call.keyId());
		}
		return value;
	}

	@Override
	public void put(Object key, Object value) {
		Call call = calls.resolve(key, caller);
		write(call, toStoreValue(value), timer.elapsedSinceMiss(call.keyId()));
	}

	@Override
	public ValueWrapper putIfAbsent(Object key, Object value) {
		Call call = calls.resolve(key, caller);
		Object existing = call.reads() ? read(call) : null;
		if (existing != null) {
			return toValueWrapper(existing);
		}
		write(call, toStoreValue(value), 0);
		return null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(Object key, Callable<T> valueLoader) {
		Call call = calls.resolve(key, caller);
		if (call.reads()) {
			Object hit = read(call);
			if (hit != null) {
				return (T) fromStoreValue(hit);
			}
		}
		if (!call.writes()) {
			statistics.uncached();
			return call(key, valueLoader);
		}
		CompletableFuture<Object> result = flight.run(call.keyId(), readAgain(call), () -> {
			try {
				long start = System.nanoTime();
				Object storeValue = toStoreValue(valueLoader.call());
				loaded(call, storeValue, System.nanoTime() - start);
				return CompletableFuture.completedFuture(storeValue);
			}
			catch (Throwable ex) {
				return CompletableFuture.failedFuture(ex);
			}
		});
		return (T) fromStoreValue(await(key, valueLoader, result));
	}

	@Override
	public CompletableFuture<?> retrieve(Object key) {
		Call call = calls.resolve(key, caller);
		Object value = call.reads() ? read(call) : null;
		if (value == null) {
			return null;
		}
		return CompletableFuture.completedFuture(isAllowNullValues() ? toValueWrapper(value) : fromStoreValue(value));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		Call call = calls.resolve(key, caller);
		if (call.reads()) {
			Object hit = read(call);
			if (hit != null) {
				return CompletableFuture.completedFuture((T) fromStoreValue(hit));
			}
		}
		if (!call.writes()) {
			statistics.uncached();
			return valueLoader.get();
		}
		return flight.run(call.keyId(), readAgain(call), () -> {
			long start = System.nanoTime();
			return valueLoader.get().thenApply(value -> {
				Object storeValue = toStoreValue(value);
				loaded(call, storeValue, System.nanoTime() - start);
				return storeValue;
			});
		}).thenApply(storeValue -> (T) fromStoreValue(storeValue));
	}

	@Override
	public void evict(Object key) {
		CachetKey address = calls.address(key);
		if (address.cacheable()) {
			chain.evict(address.id());
			statistics.eviction();
			quietly(() -> files.evict(name, address.id()));
		}
	}

	@Override
	public void clear() {
		chain.clear();
		quietly(() -> files.clear(name));
	}

	private Object read(Call call) {
		return chain.read(call, format(call));
	}

	/** What a caller that waited for another instance's computation reads, or nothing when it may not read. */
	private Supplier<Object> readAgain(Call call) {
		return call.reads() ? () -> read(call) : null;
	}

	private void write(Call call, Object storeValue, long computeNanos) {
		if (call.writes()) {
			chain.write(call, format(call), storeValue, computeNanos);
		}
	}

	private void loaded(Call call, Object storeValue, long nanos) {
		statistics.load(nanos);
		write(call, storeValue, nanos);
	}

	private ResultFormat format(Call call) {
		return call.returnsFile() ? files : values;
	}

	private static <T> T call(Object key, Callable<T> valueLoader) {
		try {
			return valueLoader.call();
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
	}

	private static Object await(Object key, Callable<?> valueLoader, CompletableFuture<Object> result) {
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof ValueRetrievalException vre) ? vre : new ValueRetrievalException(key, valueLoader, cause);
		}
	}

	private void quietly(FileAction action) {
		try {
			action.run();
		}
		catch (IOException ex) {
			logger.debug("Could not delete local copies of cache '{}' files", name, ex);
		}
	}

	/** A file operation. */
	private interface FileAction {

		void run() throws IOException;

	}

}
