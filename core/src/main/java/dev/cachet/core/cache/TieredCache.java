package dev.cachet.core.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

import dev.cachet.core.codec.CodecException;
import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.key.CachedMethod;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.MethodPolicy;
import dev.cachet.core.policy.ResolvedPolicy;
import dev.cachet.core.tier.KeyLease;

/**
 * A Spring {@link org.springframework.cache.Cache} over an ordered list of tiers, nearest first.
 *
 * <ul>
 * <li>Reads go nearest tier first; an entry counts only if it is fresh under the max-age resolved
 * for this call (call &gt; method &gt; class &gt; cache &gt; global), checked against its creation
 * time. A hit fills the nearer tiers with the same bytes.</li>
 * <li>Writes go to every tier, each keeping the entry for at most its storage cap.</li>
 * <li>{@link #get(Object, Callable)} and {@link #retrieve(Object, Supplier)} run one computation per
 * key in this JVM (and across instances when a {@link KeyLease} is configured).</li>
 * <li>A failing tier or an undecodable entry is a miss, never an exception for the caller.</li>
 * </ul>
 */
public class TieredCache extends AbstractValueAdaptingCache {

	private static final Logger logger = LoggerFactory.getLogger(TieredCache.class);

	/** Codec id of file results, whose payload is the file's bytes. */
	static final String FILE_CODEC = "file-1";

	/** File results larger than this are stored only in tiers that stream (not in memory). */
	static final long IN_MEMORY_FILE_LIMIT = 8L * 1024 * 1024;

	private final String name;

	private final CacheSettings settings;

	private final List<TierBinding> tiers;

	private final TierOperations operations;

	private final EntrySerializer serializer;

	private final CachetKeyGenerator keys;

	private final KeyLease lease;

	private final Clock clock;

	private final MaterializedFiles files;

	private final LocalTierTrust trust;

	private final CacheStatistics statistics = new CacheStatistics();

	private final ConcurrentMap<String, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

	/** What each method's calls get when no per-call options are in force. */
	private final ConcurrentMap<CachedMethod, Effective> methodPolicies = new ConcurrentHashMap<>();

	/** Start of the last miss per thread, so a following {@code put} knows the compute time. */
	private final ThreadLocal<PendingMiss> pendingMiss = new ThreadLocal<>();

	TieredCache(String name, CacheSettings settings, List<TierBinding> tiers, TierOperations operations,
			EntrySerializer serializer, CachetKeyGenerator keys, KeyLease lease, Clock clock, MaterializedFiles files,
			LocalTierTrust trust) {
		super(settings.allowNullValues());
		this.name = name;
		this.settings = settings;
		this.tiers = List.copyOf(tiers);
		this.operations = operations;
		this.serializer = serializer;
		this.keys = keys;
		this.lease = lease;
		this.clock = clock;
		this.files = files;
		this.trust = trust;
	}

	@Override
	public String getName() {
		return name;
	}

	/** The tiers in lookup order. */
	@Override
	public List<TierBinding> getNativeCache() {
		return tiers;
	}

	public CacheSettings settings() {
		return settings;
	}

	public CacheStatistics statistics() {
		return statistics;
	}

	/** The max-age and behaviour a call with this key would get now, with the layer of each. */
	public ResolvedPolicy policyFor(CachedMethod method) {
		MethodPolicy methodPolicy = (method != null) ? method.policy() : MethodPolicy.NONE;
		return ResolvedPolicy.resolve(settings.globalMaxAge(), settings.cacheMaxAge(), settings.cacheBehaviour(),
				methodPolicy, Cachet.current());
	}

	@Override
	protected Object lookup(Object key) {
		Call call = call(key);
		if (!call.reads()) {
			if (!call.writes()) {
				statistics.uncached();
			}
			return null;
		}
		Object value = read(call);
		if (value == null) {
			pendingMiss.set(new PendingMiss(call.key.id(), System.nanoTime()));
		}
		return value;
	}

	@Override
	public void put(Object key, Object value) {
		Call call = call(key);
		PendingMiss miss = pendingMiss.get();
		pendingMiss.remove();
		long computeNanos = (miss != null && miss.keyId().equals(call.key.id())) ? System.nanoTime() - miss.startNanos() : 0;
		write(call, toStoreValue(value), computeNanos);
	}

	@Override
	public ValueWrapper putIfAbsent(Object key, Object value) {
		Call call = call(key);
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
		Call call = call(key);
		if (call.reads()) {
			Object hit = read(call);
			if (hit != null) {
				return (T) fromStoreValue(hit);
			}
		}
		if (!call.writes()) {
			return loadUncached(key, valueLoader);
		}
		CompletableFuture<Object> mine = new CompletableFuture<>();
		CompletableFuture<Object> running = loads.putIfAbsent(call.key.id(), mine);
		if (running != null) {
			return (T) fromStoreValue(await(key, running));
		}
		try {
			Object storeValue = loadOnce(call, valueLoader);
			mine.complete(storeValue);
			return (T) fromStoreValue(storeValue);
		}
		catch (Throwable ex) {
			mine.completeExceptionally(ex);
			throw (ex instanceof ValueRetrievalException vre) ? vre : new ValueRetrievalException(key, valueLoader, ex);
		}
		finally {
			loads.remove(call.key.id(), mine);
		}
	}

	@Override
	public CompletableFuture<?> retrieve(Object key) {
		Call call = call(key);
		if (!call.reads()) {
			return null;
		}
		Object value = read(call);
		if (value == null) {
			return null;
		}
		return CompletableFuture.completedFuture(isAllowNullValues() ? toValueWrapper(value) : fromStoreValue(value));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		Call call = call(key);
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
		CompletableFuture<Object> mine = new CompletableFuture<>();
		CompletableFuture<Object> running = loads.putIfAbsent(call.key.id(), mine);
		if (running != null) {
			return running.thenApply(storeValue -> (T) fromStoreValue(storeValue));
		}
		long start = System.nanoTime();
		CompletableFuture<T> loaded;
		try {
			loaded = valueLoader.get();
		}
		catch (RuntimeException ex) {
			loads.remove(call.key.id(), mine);
			mine.completeExceptionally(ex);
			throw ex;
		}
		return loaded.whenComplete((value, failure) -> {
			try {
				if (failure == null) {
					long nanos = System.nanoTime() - start;
					statistics.load(nanos);
					Object storeValue = toStoreValue(value);
					write(call, storeValue, nanos);
					mine.complete(storeValue);
				}
				else {
					mine.completeExceptionally(failure);
				}
			}
			finally {
				loads.remove(call.key.id(), mine);
			}
		});
	}

	@Override
	public void evict(Object key) {
		Call call = call(key);
		if (call.key.cacheable()) {
			operations.evict(tiers, name, call.key.id(), true);
			statistics.eviction();
			if (call.returnsFile()) {
				deleteQuietly(() -> files.evict(name, call.key.id()));
			}
		}
	}

	@Override
	public void clear() {
		operations.clear(tiers, name, true);
		deleteQuietly(() -> files.clear(name));
	}

	@Override
	public boolean invalidate() {
		clear();
		return true;
	}

	private Call call(Object key) {
		CachetKey cachetKey = (key instanceof CachetKey k) ? k : keys.keyFor(name, key);
		Effective effective;
		if (Cachet.current() == null) {
			// without a per-call layer the outcome depends on the method only: resolve it once
			effective = (cachetKey.method() != null)
					? methodPolicies.computeIfAbsent(cachetKey.method(), method -> Effective.of(policyFor(method)))
					: Effective.of(policyFor(null));
		}
		else {
			effective = Effective.of(policyFor(cachetKey.method()));
		}
		return new Call(cachetKey, effective.maxAge(), effective.behaviour());
	}

	/** The max-age and behaviour in force. */
	private record Effective(Duration maxAge, Behaviour behaviour) {

		static Effective of(ResolvedPolicy policy) {
			return new Effective(policy.effectiveMaxAge(), policy.effectiveBehaviour());
		}

	}

	/** The store value of the nearest fresh, intact entry, filling nearer tiers; {@code null} on a miss. */
	private Object read(Call call) {
		return call.returnsFile() ? readFile(call) : readValue(call);
	}

	private Object readValue(Call call) {
		Instant now = clock.instant();
		for (int i = 0; i < tiers.size(); i++) {
			TierBinding binding = tiers.get(i);
			Envelope envelope = operations.get(binding, name, call.key.id());
			if (envelope == null || !envelope.metadata().isFresh(call.maxAge, now) || !trust.trusts(binding, envelope.metadata())) {
				binding.statistics().miss();
				continue;
			}
			Object value;
			try {
				value = serializer.deserialize(envelope);
			}
			catch (CodecException ex) {
				logger.debug("Undecodable entry in tier {} of cache '{}' dropped: {}", binding.name(), name, ex.getMessage());
				binding.statistics().error();
				binding.statistics().miss();
				operations.evict(List.of(binding), name, call.key.id(), false);
				continue;
			}
			binding.statistics().hit();
			statistics.hit(envelope.metadata().computeTime().toNanos());
			for (int nearer = 0; nearer < i; nearer++) {
				TierBinding target = tiers.get(nearer);
				Duration ttl = storageTtl(target, envelope.metadata(), now);
				if (ttl != null) {
					operations.put(target, name, call.key.id(), envelope, ttl);
				}
			}
			return value;
		}
		statistics.miss();
		return null;
	}

	/**
	 * Reads a file result: the entry's payload is streamed from the nearest tier into a local file,
	 * verified on the way, then streamed into the nearer tiers.
	 */
	private Object readFile(Call call) {
		Instant now = clock.instant();
		for (int i = 0; i < tiers.size(); i++) {
			TierBinding binding = tiers.get(i);
			try (EnvelopeStreams.Reader reader = operations.openEnvelope(binding, name, call.key.id())) {
				if (reader == null || !reader.metadata().isFresh(call.maxAge, now)
						|| !trust.trusts(binding, reader.metadata())
						|| (!reader.nullValue() && !FILE_CODEC.equals(reader.codecId()))) {
					binding.statistics().miss();
					continue;
				}
				Object value;
				Path local = null;
				if (reader.nullValue()) {
					reader.copyPayloadTo(OutputStream.nullOutputStream());
					value = NullValue.INSTANCE;
				}
				else {
					local = files.materialize(name, call.key.id(), reader);
					value = local;
				}
				binding.statistics().hit();
				statistics.hit(reader.metadata().computeTime().toNanos());
				Path payload = local;
				EntryMetadata metadata = reader.metadata();
				writeStreamed(call, tiers.subList(0, i), metadata, reader.nullValue(), payload, now);
				return value;
			}
			catch (CorruptEnvelopeException ex) {
				logger.debug("Corrupt file entry in tier {} of cache '{}' dropped: {}", binding.name(), name, ex.getMessage());
				binding.statistics().error();
				binding.statistics().miss();
				operations.evict(List.of(binding), name, call.key.id(), false);
			}
			catch (IOException ex) {
				// a cut transfer or a local disk error: the entry itself may be intact, keep it
				logger.debug("File entry of tier {} of cache '{}' not read: {}", binding.name(), name, ex.toString());
				binding.statistics().error();
				binding.statistics().miss();
			}
		}
		statistics.miss();
		return null;
	}

	/** Streams a file entry into tiers: always into those that stream, into the others when it is small. */
	private void writeStreamed(Call call, List<TierBinding> targets, EntryMetadata metadata, boolean nullValue,
			Path payload, Instant now) throws IOException {
		long size = (payload != null) ? Files.size(payload) : 0;
		long length = EnvelopeStreams.length(FILE_CODEC, metadata, size);
		for (TierBinding target : targets) {
			Duration ttl = storageTtl(target, metadata, now);
			if (ttl != null && (target.tier().streams() || size <= IN_MEMORY_FILE_LIMIT)) {
				operations.putEnvelope(target, name, call.key.id(),
						() -> EnvelopeStreams.compose(FILE_CODEC, nullValue, metadata,
								(payload != null) ? Files.newInputStream(payload) : InputStream.nullInputStream(), size),
						length, ttl);
			}
		}
	}

	private void write(Call call, Object storeValue, long computeNanos) {
		if (!call.writes()) {
			return;
		}
		CachedMethod method = call.key.method();
		Instant now = clock.instant();
		EntryMetadata metadata = new EntryMetadata(now, call.maxAge, Duration.ofNanos(computeNanos),
				(method != null) ? method.id() : name, (method != null) ? method.fingerprint().hash() : "");
		if (call.returnsFile()) {
			writeFile(call, storeValue, metadata, now);
			return;
		}
		Envelope envelope;
		try {
			envelope = serializer.serialize(storeValue, metadata);
		}
		catch (CodecException ex) {
			statistics.uncached();
			// values and codec messages may hold argument data: details only at DEBUG
			logger.warn("Result of {} not cached: it could not be encoded ({})", metadata.methodId(),
					rootCause(ex).getClass().getName());
			logger.debug("Encoding failure of {}", metadata.methodId(), ex);
			return;
		}
		for (TierBinding binding : tiers) {
			operations.put(binding, name, call.key.id(), envelope, storageTtl(binding, metadata, now));
		}
		statistics.put();
		if (call.behaviour == Behaviour.RECOMPUTE) {
			// other instances may hold the old value in node-local tiers
			operations.publishEvict(name, call.key.id());
		}
	}

	private void writeFile(Call call, Object storeValue, EntryMetadata metadata, Instant now) {
		Path file = (storeValue instanceof Path path) ? path : null;
		if (storeValue != NullValue.INSTANCE && (file == null || !Files.isRegularFile(file))) {
			statistics.uncached();
			logger.warn("Result of {} not cached: the returned path is not a regular file", metadata.methodId());
			return;
		}
		try {
			writeStreamed(call, tiers, metadata, file == null, file, now);
			statistics.put();
		}
		catch (IOException ex) {
			statistics.uncached();
			logger.warn("Result of {} not cached: its file could not be read ({})", metadata.methodId(),
					ex.getClass().getName());
			logger.debug("File result failure of {}", metadata.methodId(), ex);
		}
		if (call.behaviour == Behaviour.RECOMPUTE) {
			operations.publishEvict(name, call.key.id());
		}
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private void deleteQuietly(FileAction action) {
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

	/** How long a tier may keep an entry: its remaining freshness, capped by the tier; {@code null} if none left. */
	private static Duration storageTtl(TierBinding binding, EntryMetadata metadata, Instant now) {
		Duration remaining = metadata.maxAge().minus(metadata.age(now));
		if (remaining.isNegative() || remaining.isZero()) {
			return null;
		}
		return (binding.storageCap() != null && binding.storageCap().compareTo(remaining) < 0) ? binding.storageCap()
				: remaining;
	}

	private Object loadOnce(Call call, Callable<?> valueLoader) throws Exception {
		KeyLease.Handle handle = (lease != null) ? lease.tryAcquire(name, call.key.id(), lease.leaseTime()) : null;
		try {
			if (handle != null && call.reads()
					&& (handle.acquired() || lease.awaitRelease(name, call.key.id(), lease.leaseTime()))) {
				// another instance may have written the entry just before this one took the lease or was woken
				Object computedElsewhere = read(call);
				if (computedElsewhere != null) {
					return computedElsewhere;
				}
			}
			long start = System.nanoTime();
			Object storeValue = toStoreValue(valueLoader.call());
			long nanos = System.nanoTime() - start;
			statistics.load(nanos);
			write(call, storeValue, nanos);
			return storeValue;
		}
		finally {
			if (handle != null) {
				handle.close();
			}
		}
	}

	private <T> T loadUncached(Object key, Callable<T> valueLoader) {
		statistics.uncached();
		try {
			return valueLoader.call();
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
	}

	private static Object await(Object key, CompletableFuture<Object> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ValueRetrievalException(key, null, ex);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof ValueRetrievalException vre) ? vre : new ValueRetrievalException(key, null, cause);
		}
	}

	/** One call's key and resolved policy. */
	private record Call(CachetKey key, Duration maxAge, Behaviour behaviour) {

		boolean reads() {
			return key.cacheable() && behaviour == Behaviour.DEFAULT;
		}

		boolean writes() {
			return key.cacheable() && behaviour != Behaviour.DISABLE;
		}

		boolean returnsFile() {
			return key.method() != null && key.method().returnsFile();
		}

	}

	private record PendingMiss(String keyId, long startNanos) {
	}

}
