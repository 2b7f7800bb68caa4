package dev.cachet.autoconfigure.reliability;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

import dev.cachet.autoconfigure.reliability.values.Sample;

/**
 * Cached methods of one cache whose entries the integrity tests copy, forge and tamper with. Each result is
 * a pure function of the argument, and every computation is counted, so a test tells a served entry from
 * a recomputed one even when both hold the same value.
 */
public class LedgerService {

	static final String CACHE = "ledger";

	private final AtomicInteger computations = new AtomicInteger();

	@Cacheable(CACHE)
	public String entry(String id) {
		this.computations.incrementAndGet();
		return entryOf(id);
	}

	/** A reader of another type at the same addresses: its default key is the id, as {@link #entry}'s. */
	@Cacheable(CACHE)
	public Integer length(String id) {
		this.computations.incrementAndGet();
		return id.length();
	}

	/** A record reader at the same addresses. */
	@Cacheable(CACHE)
	public Sample sample(String id) {
		this.computations.incrementAndGet();
		return Sample.of(id.length());
	}

	/** A sibling that stores a {@code String} where {@link #length} reads an {@code Integer}. */
	@CachePut(cacheNames = CACHE, key = "#id")
	public String label(String id) {
		this.computations.incrementAndGet();
		return "label " + id;
	}

	/** The value {@link #entry} computes for {@code id}. */
	static String entryOf(String id) {
		return "entry " + id;
	}

	int computations() {
		return this.computations.get();
	}

}
