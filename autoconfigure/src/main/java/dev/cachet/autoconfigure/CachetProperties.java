package dev.cachet.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;


/**
 * Configuration of Cachet, under {@code cachet.*}. Durations take Spring's formats ({@code 30m},
 * {@code 24h}, {@code 90d}, ISO-8601 {@code PT6H}); sizes take {@code 512MB}, {@code 10GB}.
 */
@ConfigurationProperties("cachet")
public class CachetProperties {

	/** How long entries are fresh unless a cache, class, method or call says otherwise. */
	private Duration defaultMaxAge = Duration.ofHours(12);

	/**
	 * How long past its max-age an entry is still served at once while one background recomputation
	 * refreshes it, unless a cache, class, method or call says otherwise; 0 turns it off.
	 */
	private Duration staleWhileRevalidate = Duration.ZERO;

	/**
	 * How long past its max-age an entry is still served when its recomputation throws, unless a
	 * cache, class, method or call says otherwise; 0 turns it off.
	 */
	private Duration staleIfError = Duration.ZERO;

	/** Tiers in lookup order, nearest first: memory, disk, redis, s3. */
	private List<String> tiers = new ArrayList<>(List.of("disk"));

	/** Whether null results are cached. */
	private boolean allowNullValues = true;

	/**
	 * Per-cache settings, by cache name: max-age, stale windows, behaviour (default, recompute or
	 * disable) and tiers (in lookup order). Unset ones inherit the global settings.
	 */
	private Map<String, CacheSpec> caches = new LinkedHashMap<>();

	private final Memory memory = new Memory();

	private final Disk disk = new Disk();

	private final Codec codec = new Codec();

	private final Files files = new Files();

	private final Fingerprint fingerprint = new Fingerprint();

	private final Security security = new Security();

	private final WriteBehind writeBehind = new WriteBehind();

	private final Lineage lineage = new Lineage();


	public Duration getDefaultMaxAge() {
		return defaultMaxAge;
	}

	public void setDefaultMaxAge(Duration defaultMaxAge) {
		this.defaultMaxAge = defaultMaxAge;
	}

	public Duration getStaleWhileRevalidate() {
		return staleWhileRevalidate;
	}

	public void setStaleWhileRevalidate(Duration staleWhileRevalidate) {
		this.staleWhileRevalidate = staleWhileRevalidate;
	}

	public Duration getStaleIfError() {
		return staleIfError;
	}

	public void setStaleIfError(Duration staleIfError) {
		this.staleIfError = staleIfError;
	}

	public List<String> getTiers() {
		return tiers;
	}

	public void setTiers(List<String> tiers) {
		this.tiers = tiers;
	}

	public boolean isAllowNullValues() {
		return allowNullValues;
	}

	public void setAllowNullValues(boolean allowNullValues) {
		this.allowNullValues = allowNullValues;
	}

	public Map<String, CacheSpec> getCaches() {
		return caches;
	}

	public void setCaches(Map<String, CacheSpec> caches) {
		this.caches = caches;
	}

	public Memory getMemory() {
		return memory;
	}

	public Disk getDisk() {
		return disk;
	}

	public Codec getCodec() {
		return codec;
	}

	public Fingerprint getFingerprint() {
		return fingerprint;
	}

	public Security getSecurity() {
		return security;
	}

	public Files getFiles() {
		return files;
	}

	public WriteBehind getWriteBehind() {
		return writeBehind;
	}

	/**
	 * Writes of computed results to the tiers that store bytes (disk, Redis, S3), made after the
	 * call returns; puts, recomputes and file results are written before.
	 */
	public static class WriteBehind {

		/** Writes each tier's queue holds; when it is full, new writes are dropped and counted, never waited for. */
		private int queueCapacity = 10_000;

		public int getQueueCapacity() {
			return queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

	}

	public Lineage getLineage() {
		return lineage;
	}

	/** Entries that record the cached results they were computed from. */
	public static class Lineage {

		/**
		 * Whether a cached result records the cached results read while computing it, and is served
		 * only while they are unchanged.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** File results: methods that return a {@link java.nio.file.Path}. */
	public static class Files {

		/**
		 * Folder where a hit of a file result is copied to and handed to the caller; default
		 * ${java.io.tmpdir}/cachet-files/${spring.application.name}.
		 */
		private String path;

		public String getPath() {
			return path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/** Settings of one cache; unset values inherit the global ones. */
	public static class CacheSpec {

		/** How long this cache's entries are fresh; overrides cachet.default-max-age. */
		private Duration maxAge;

		/** Behaviour of this cache's calls: default, recompute or disable; unset inherits. */
		private CacheBehaviour behaviour;

		/** Stale-while-revalidate window of this cache; overrides cachet.stale-while-revalidate, 0 turns it off. */
		private Duration staleWhileRevalidate;

		/** Stale-if-error window of this cache; overrides cachet.stale-if-error, 0 turns it off. */
		private Duration staleIfError;

		/** Tiers of this cache in lookup order; overrides cachet.tiers. */
		private List<String> tiers;

		public Duration getMaxAge() {
			return maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public CacheBehaviour getBehaviour() {
			return behaviour;
		}

		public Duration getStaleWhileRevalidate() {
			return staleWhileRevalidate;
		}

		public void setStaleWhileRevalidate(Duration staleWhileRevalidate) {
			this.staleWhileRevalidate = staleWhileRevalidate;
		}

		public Duration getStaleIfError() {
			return staleIfError;
		}

		public void setStaleIfError(Duration staleIfError) {
			this.staleIfError = staleIfError;
		}

		public void setBehaviour(CacheBehaviour behaviour) {
			this.behaviour = behaviour;
		}

		public List<String> getTiers() {
			return tiers;
		}

		public void setTiers(List<String> tiers) {
			this.tiers = tiers;
		}

	}

	/** The in-memory tier. */
	public static class Memory {

		/** Upper bound of the summed sizes of the entries held in memory. */
		private DataSize maxSize = DataSize.ofMegabytes(256);

		/** Longest time the memory tier keeps an entry, whatever its freshness; unset for no cap. */
		private Duration maxAge;

		/**
		 * Whether memory hits return a copy of the cached value (encoded and decoded) instead of the
		 * instance itself; for applications that modify the results they get.
		 */
		private boolean copyOnRead;

		public boolean isCopyOnRead() {
			return copyOnRead;
		}

		public void setCopyOnRead(boolean copyOnRead) {
			this.copyOnRead = copyOnRead;
		}

		public DataSize getMaxSize() {
			return maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getMaxAge() {
			return maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/** The local disk tier. */
	public static class Disk {

		/**
		 * Folder of the disk tier; default ~/.cache/cachet/${spring.application.name}. Test contexts get a
		 * folder of their own unless the test sets this property itself (see isolate-in-tests).
		 */
		private String path;

		/** Upper bound of the disk tier's size; least recently used entries go first. */
		private DataSize maxSize = DataSize.ofGigabytes(10);

		/** Longest time the disk tier keeps an entry, whatever its freshness. */
		private Duration maxAge = Duration.ofDays(7);

		/** How often expired entries are removed in the background. */
		private Duration sweepInterval = Duration.ofMinutes(10);

		/**
		 * Free space the disk tier leaves on its file system: a write that would leave less is refused
		 * (the tier reports read-only health) until space frees up. 0 writes until the disk is full.
		 */
		private DataSize minFree = DataSize.ofMegabytes(100);

		/**
		 * Whether a test context (built by Spring's TestContext framework, @SpringBootTest included)
		 * gets a new temporary disk folder of its own, deleted when it closes, instead of the configured
		 * one. A cachet.disk.path set by the test itself is always used.
		 */
		private boolean isolateInTests = true;

		public String getPath() {
			return path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public DataSize getMaxSize() {
			return maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getMaxAge() {
			return maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public Duration getSweepInterval() {
			return sweepInterval;
		}

		public DataSize getMinFree() {
			return minFree;
		}

		public void setMinFree(DataSize minFree) {
			this.minFree = minFree;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = sweepInterval;
		}

		public boolean isIsolateInTests() {
			return isolateInTests;
		}

		public void setIsolateInTests(boolean isolateInTests) {
			this.isolateInTests = isolateInTests;
		}

	}

	/** The value codec. */
	public static class Codec {

		/**
		 * Packages whose classes may be decoded besides the application's own packages and JDK value
		 * types. Cached bytes are not trusted: only classes from these packages are instantiated.
		 */
		private List<String> allowedPackages = new ArrayList<>();

		/** Payloads larger than this are compressed with zstd. */
		private DataSize compressionThreshold = DataSize.ofKilobytes(64);

		public List<String> getAllowedPackages() {
			return allowedPackages;
		}

		public void setAllowedPackages(List<String> allowedPackages) {
			this.allowedPackages = allowedPackages;
		}

		public DataSize getCompressionThreshold() {
			return compressionThreshold;
		}

		public void setCompressionThreshold(DataSize compressionThreshold) {
			this.compressionThreshold = compressionThreshold;
		}

	}

	/** Code fingerprints. */
	public static class Fingerprint {

		/**
		 * The application's own packages, whose code is followed into fingerprints; default: the
		 * packages of @SpringBootApplication (AutoConfigurationPackages).
		 */
		private List<String> packages = new ArrayList<>();

		/** Whether a library's version is part of the fingerprint of the methods that call it. */
		private boolean includeLibraries = true;

		/** A string mixed into every fingerprint: change it to retire every cached result at once. */
		private String salt = "";

		/** Whether fingerprints of all cached methods are computed at start-up rather than on first call. */
		private boolean eager = true;

		public List<String> getPackages() {
			return packages;
		}

		public void setPackages(List<String> packages) {
			this.packages = packages;
		}

		public boolean isIncludeLibraries() {
			return includeLibraries;
		}

		public void setIncludeLibraries(boolean includeLibraries) {
			this.includeLibraries = includeLibraries;
		}

		public String getSalt() {
			return salt;
		}

		public void setSalt(String salt) {
			this.salt = salt;
		}

		public boolean isEager() {
			return eager;
		}

		public void setEager(boolean eager) {
			this.eager = eager;
		}

	}

	/** Integrity of entries read back from stores others can write to. */
	public static class Security {

		/**
		 * Secret keys (at least 16 bytes each) that sign every written entry with HMAC-SHA256. The
		 * first signs, all verify, so a key is rotated by putting the new one first and removing the
		 * old one once its entries have expired. Entries read from Redis and S3 (and disk, with
		 * verify-disk) are served only with a valid signature.
		 */
		private List<String> keys = new ArrayList<>();

		/** Whether entries read from the disk tier must be signed too. */
		private boolean verifyDisk;

		public List<String> getKeys() {
			return keys;
		}

		public void setKeys(List<String> keys) {
			this.keys = keys;
		}

		public boolean isVerifyDisk() {
			return verifyDisk;
		}

		public void setVerifyDisk(boolean verifyDisk) {
			this.verifyDisk = verifyDisk;
		}

		@Override
		public String toString() {
			return "Security[" + keys.size() + " key(s), verifyDisk=" + verifyDisk + "]";
		}

	}

}
