package dev.cachet.autoconfigure.reliability;

import java.util.concurrent.atomic.LongAdder;

import org.springframework.cache.annotation.Cacheable;

/** A bean with a cached method, called through Spring's caching proxy by the load tests. */
public class SampleService {

	private final LongAdder computations = new LongAdder();

	@Cacheable("samples")
	public Sample sample(int n) {
		this.computations.increment();
		return Sample.of(n);
	}

	long computations() {
		return this.computations.sum();
	}

}
