package dev.cachet.autoconfigure.reliability;

import org.springframework.cache.annotation.Cacheable;

import dev.cachet.autoconfigure.reliability.values.Sample;

/** A bean with a cached method, called through Spring's caching proxy by the load tests. */
public class SampleService {

	@Cacheable("samples")
	public Sample sample(int n) {
		return Sample.of(n);
	}

}
