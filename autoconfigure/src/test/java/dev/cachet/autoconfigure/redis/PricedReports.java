package dev.cachet.autoconfigure.redis;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A report built from two cached lookups (a price and an exchange rate), the lineage case: the
 * report's entry records the lookups' entries, and is not served once one of them changed.
 */
public class PricedReports {

	private final Lookups lookups;

	private final AtomicInteger computations = new AtomicInteger();

	public PricedReports(Lookups lookups) {
		this.lookups = lookups;
	}

	/** How often the report's body ran on this instance. */
	public int computations() {
		return computations.get();
	}

	@Cacheable("priced-reports")
	public String report(String item) {
		computations.incrementAndGet();
		return item + " costs " + lookups.price(item) * lookups.rate("eur") + " eur";
	}

	@Cacheable(cacheNames = "synced-priced-reports", sync = true)
	public String syncedReport(String item) {
		computations.incrementAndGet();
		return item + " costs " + lookups.price(item) * lookups.rate("eur") + " eur";
	}

	/** The cached lookups a report is built from; each instance its own source of truth. */
	public static class Lookups {

		private volatile int price = 10;

		public void priceChanged(int price) {
			this.price = price;
		}

		@Cacheable("prices")
		public int price(String item) {
			return price;
		}

		@Cacheable("rates")
		public int rate(String currency) {
			return 2;
		}

		@CacheEvict("prices")
		public void forgetPrice(String item) {
		}

		@CacheEvict("rates")
		public void forgetRate(String currency) {
		}

		@CachePut(cacheNames = "prices", key = "#item")
		public int setPrice(String item, int price) {
			return price;
		}

	}

	/** The lookups and the reports as beans of an application. */
	@Configuration(proxyBeanMethods = false)
	public static class Beans {

		@Bean
		Lookups lookups() {
			return new Lookups();
		}

		@Bean
		PricedReports pricedReports(Lookups lookups) {
			return new PricedReports(lookups);
		}

	}

}
