package dev.cachet.autoconfigure.redis;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

import dev.cachet.core.policy.CachePolicy;

/** The cached service of a test instance; each instance has its own counters. */
public class Reports {

	private final AtomicInteger computations = new AtomicInteger();

	private final Queue<String> priced = new ConcurrentLinkedQueue<>();

	private volatile CountDownLatch gate;

	private volatile int priceList = 1;

	/** The items {@link #price} computed on this instance, in order. */
	public List<String> pricedItems() {
		return List.copyOf(priced);
	}

	/** How often a method body ran on this instance (public: callers hold the caching proxy). */
	public int computations() {
		return computations.get();
	}

	/** Makes {@link #gated} block on the latch: a computation that hangs while holding the lease. */
	public void gate(CountDownLatch latch) {
		this.gate = latch;
	}

	/** Changes the prices {@link #price} computes from now on, as a new price list in the source of truth. */
	public void priceList(int version) {
		this.priceList = version;
	}

	/** The result a report must have, computed without any cache. */
	static String expected(String region) {
		return "report " + region + " " + Integer.toHexString(region.hashCode() * 31 + 7);
	}

	@Cacheable("reports")
	public String report(String region) {
		computations.incrementAndGet();
		return expected(region);
	}

	@Cacheable(cacheNames = "reports", sync = true)
	public String slow(String region, long millis) throws InterruptedException {
		computations.incrementAndGet();
		Thread.sleep(millis);
		return expected(region);
	}

	@Cacheable(cacheNames = "reports", sync = true)
	public String gated(String region) throws InterruptedException {
		computations.incrementAndGet();
		CountDownLatch latch = gate;
		if (latch != null) {
			latch.await(60, TimeUnit.SECONDS);
		}
		return expected(region);
	}

	@Cacheable(cacheNames = "accounts", key = "#id")
	public String account(String id) {
		computations.incrementAndGet();
		return "account " + id;
	}

	@CacheEvict(cacheNames = "accounts", key = "#id")
	public void forgetAccount(String id) {
	}

	@CacheEvict(cacheNames = "accounts", allEntries = true)
	public void forgetAllAccounts() {
	}

	@Cacheable(cacheNames = "prices", key = "#item")
	public String price(String item) {
		computations.incrementAndGet();
		priced.add(item);
		return item + " from list " + priceList;
	}

	/** A price served past its max-age for up to an hour while it is refreshed; blocks on the gate. */
	@Cacheable(cacheNames = "quotes", key = "#item")
	@CachePolicy(staleWhileRevalidate = "1h")
	public String quote(String item) throws InterruptedException {
		computations.incrementAndGet();
		CountDownLatch latch = gate;
		if (latch != null) {
			latch.await(60, TimeUnit.SECONDS);
		}
		return item + " from list " + priceList;
	}

	@CacheEvict(cacheNames = "prices", key = "#item")
	public void forgetPrice(String item) {
	}

	@CacheEvict(cacheNames = "prices", allEntries = true)
	public void forgetAllPrices() {
	}

}
