package dev.cachet.core.key;

import java.util.List;

import com.dynatrace.hash4j.hashing.HashValue128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cachet.core.hash.ArgumentDigest;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.hash.UnsupportedArgumentException;

/**
 * Turns a key as Spring means it (an explicit {@code key} value, a key generator's result, a
 * {@code SimpleKey}) into a {@link CachetKey}: its canonical hash, plus the context that
 * {@link KeyContributor}s add (a tenant, a locale). Equal keys give equal addresses in every JVM.
 */
public class CacheAddresses {

	private static final Logger logger = LoggerFactory.getLogger(CacheAddresses.class);

	private final CanonicalArgumentHasher hasher;

	private final List<KeyContributor> contributors;

	public CacheAddresses(CanonicalArgumentHasher hasher, List<KeyContributor> contributors) {
		this.hasher = hasher;
		this.contributors = List.copyOf(contributors);
	}

	/**
	 * The address of a key; a {@link CachetKey} is its own address.
	 * @return the address, or {@link CachetKey#uncacheable()} when the key cannot be hashed
	 */
	public CachetKey addressOf(Object key) {
		if (key instanceof CachetKey address) {
			return address;
		}
		try {
			return hash(key);
		}
		catch (UnsupportedArgumentException ex) {
			logger.debug("A cache key cannot be hashed, the call runs uncached: {}", ex.getMessage());
			return CachetKey.uncacheable();
		}
	}

	/**
	 * The address of a key, failing for keys that cannot be hashed.
	 * @throws UnsupportedArgumentException if the key or a contribution cannot be hashed canonically
	 */
	CachetKey hash(Object key) throws UnsupportedArgumentException {
		ArgumentDigest digest = hasher.borrowDigest();
		try {
			digest.putValue(key);
			for (int i = 0; i < contributors.size(); i++) {
				KeyContributor contributor = contributors.get(i);
				digest.putString(contributor.name());
				contributor.contribute(digest);
			}
			HashValue128 hash = digest.finish();
			return CachetKey.of(hash.getMostSignificantBits(), hash.getLeastSignificantBits());
		}
		finally {
			hasher.release(digest);
		}
	}

}
