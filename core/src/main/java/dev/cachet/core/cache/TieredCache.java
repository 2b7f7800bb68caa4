package dev.cachet.core.cache;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.cache.support.AbstractValueAdaptingCache;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;
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
 * method and code fingerprint that produced it, the cached results it was computed from (each must be
 * unchanged), its age against the max-age in force, and its type.
 * The cache Spring's interceptor uses for an annotated method is a view {@linkplain #bind bound} to
 * that method; this instance itself stands for application code using the cache directly.
 *
 * <p>This class adapts Spring's API; the work is done by collaborators with one job each:
 * {@link CallResolver} (address and policy), {@link TierChain} (read, validity, promotion, writes),
 * {@link Loads} (one computation per key, its inputs recorded) and a {@link ResultFormat} (values or files).
 */
public class TieredCache extends AbstractValueAdaptingCache {

	private final CacheParts parts;

	private final Caller caller;

	private final Loads loads;

	TieredCache(String name, CacheSettings settings, List<TierBinding> tiers, CacheRuntime runtime) {
		this(CacheParts.of(name, settings, tiers, runtime), Caller.PROGRAMMATIC);
	}

	private TieredCache(CacheParts parts, Caller caller) {
		super(parts.settings().allowNullValues());
		this.parts = parts;
		this.caller = caller;
		this.loads = new Loads(parts, this::toStoreValue);
	}

	/**
	 * This cache as {@code caller} uses it: its writes record the caller as their producer, and its
	 * reads serve only entries that caller may take. Views are kept, one per caller.
	 */
	public TieredCache bind(Caller caller) {
		if (caller.equals(this.caller)) {
			return this;
		}
		TieredCache view = parts.bound().get(caller);
		return (view != null) ? view : parts.bound().computeIfAbsent(caller, key -> new TieredCache(parts, key));
	}

	@Override
	public String getName() {
		return parts.name();
	}

	/** The tiers in lookup order, nearest first. */
	@Override
	public CacheTiers getNativeCache() {
		return parts.chain().tiers();
	}

	public CacheSettings settings() {
		return parts.settings();
	}

	public CacheStatistics statistics() {
		return parts.statistics();
	}

	/** The max-age and behaviour a call of {@code method} (or {@code null}: application code) gets now, with the layer of each. */
	public ResolvedPolicy policyFor(@Nullable CachedMethod method) {
		return parts.calls().policyFor(method);
	}

	@Override
	protected @Nullable Object lookup(Object key) {
		Call call = parts.calls().resolve(key, caller);
		if (!call.reads()) {
			if (!call.writes()) {
				parts.statistics().uncached();
			}
			return null;
		}
		Object value = read(call);
		if (value == null && call.stale() != null) {
			CachedInvocation invocation = CachedInvocation.of(caller);
			value = (invocation != null) ? parts.stale().afterLookupMiss(call, invocation, () -> read(call),
					this::fromStoreValue) : null;
		}
		if (value == null) {
			parts.timer().missed(call.keyId());
		}
		return value;
	}

	/**
	 * The nearest tier's value for {@code key}, when that tier holds objects and may serve it to this
	 * view's caller: a hit, counted and recorded as one of {@link #get(Object)}. Otherwise
	 * {@code null}, with nothing counted, so that the {@code get} that follows counts its miss once.
	 * It lets a call that hits the memory tier skip the rest of a read.
	 */
	public @Nullable ValueWrapper nearestHit(Object key) {
		Call call = parts.calls().resolve(key, caller);
		if (!call.reads() || call.returnsFile()) {
			return null;
		}
		Object value = parts.chain().nearest(call, parts.values());
		return (value != null) ? toValueWrapper(value) : null;
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		Call call = parts.calls().resolve(key, caller);
		loads.write(call, toStoreValue(value), parts.timer().elapsedSinceMiss(call.keyId()),
				CachedInvocation.inputsOf(call));
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		Call call = parts.calls().resolve(key, caller);
		Object existing = call.reads() ? read(call) : null;
		if (existing != null) {
			return toValueWrapper(existing);
		}
		loads.write(call, toStoreValue(value), 0, CachedInvocation.inputsOf(call));
		return null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(Object key, Callable<T> valueLoader) {
		Call call = parts.calls().resolve(key, caller);
		if (call.reads()) {
			Object hit = read(call);
			if (hit == null && call.stale() != null) {
				hit = parts.stale().whileRevalidating(call, () -> read(call), loads.refresh(call, caller, valueLoader));
			}
			if (hit != null) {
				return (T) fromStoreValue(hit);
			}
		}
		if (!call.writes()) {
			parts.statistics().uncached();
			return LoaderCalls.call(key, valueLoader);
		}
		try {
			return (T) fromStoreValue(loads.load(call, key, valueLoader));
		}
		catch (ValueRetrievalException ex) {
			Object stale = parts.stale().ifError(call, ex.getCause());
			if (stale == null) {
				throw ex;
			}
			return (T) fromStoreValue(stale);
		}
	}

	/**
	 * Reads the entry for an asynchronous method without blocking the calling thread: remote tiers
	 * are read asynchronously and copies into nearer tiers are queued. A miss completes with
	 * {@code null}, as Spring expects.
	 */
	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		Call call = parts.calls().resolve(key, caller);
		if (!call.reads()) {
			return null;
		}
		return parts.chain().readAsync(call, format(call)).thenApply(value -> {
			if (value == null) {
				parts.timer().missedAsync(call.keyId());
				return null;
			}
			return isAllowNullValues() ? toValueWrapper(value) : fromStoreValue(value);
		});
	}

	/**
	 * Reads as {@link #retrieve(Object)} does, and on a miss runs one computation per key in this
	 * JVM. Unlike {@link #get(Object, Callable)}, it takes no lease across instances: taking and
	 * awaiting one would block the calling thread.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		Call call = parts.calls().resolve(key, caller);
		CompletableFuture<@Nullable Object> read = call.reads() ? parts.chain().readAsync(call, format(call))
				: CompletableFuture.completedFuture(null);
		return read.thenCompose(hit -> {
			if (hit != null) {
				return CompletableFuture.completedFuture((T) fromStoreValue(hit));
			}
			if (!call.writes()) {
				parts.statistics().uncached();
				return valueLoader.get();
			}
			return loads.loadAsync(call, valueLoader).thenApply(storeValue -> (T) fromStoreValue(storeValue));
		});
	}

	@Override
	public void evict(Object key) {
		CachetKey address = parts.calls().address(key);
		if (address.cacheable()) {
			parts.chain().evict(address.id());
			parts.statistics().eviction();
			parts.files().evict(parts.name(), address.id());
		}
	}

	/**
	 * Evicts the entry from every tier, as {@link #evict} does.
	 * @return whether a tier held an entry for the key before; {@code false} also for a key that
	 * cannot be hashed, which no tier can hold
	 */
	@Override
	public boolean evictIfPresent(Object key) {
		CachetKey address = parts.calls().address(key);
		boolean present = address.cacheable()
				&& (parts.values().pending(parts.name(), address.id()) || parts.chain().holds(address.id()));
		evict(address);
		return present;
	}

	@Override
	public void clear() {
		parts.chain().clear();
		parts.files().clear(parts.name());
	}

	private @Nullable Object read(Call call) {
		return parts.chain().read(call, format(call));
	}

	/**
	 * What the entry at {@code key} records if application code may be served it, whatever its age;
	 * {@code null} when there is none. The read is counted nowhere. It is how the inputs of other
	 * entries are checked ({@link InputCheck}), and what the Actuator shows of them.
	 */
	public @Nullable EntryMetadata inspect(CachetKey key) {
		return inspect(key, true);
	}

	/** As {@link #inspect(CachetKey)}; without {@code blocking}, only tiers that hold objects are asked. */
	@Nullable EntryMetadata inspect(CachetKey key, boolean blocking) {
		return parts.chain().inspect(key, parts.values(), blocking);
	}

	private ResultFormat format(Call call) {
		return call.returnsFile() ? parts.files() : parts.values();
	}

}
