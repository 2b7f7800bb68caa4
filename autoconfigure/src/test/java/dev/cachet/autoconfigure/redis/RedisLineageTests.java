package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lineage across two instances sharing a real Redis: a report built from two cached lookups is not
 * served, on either instance, once a lookup it read was evicted on one of them; an unrelated eviction
 * leaves it a hit.
 */
@ExtendWith(RedisServerExtension.class)
class RedisLineageTests {

	@TempDir
	Path diskA;

	@TempDir
	Path diskB;

	private final String prefix = "lineage" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<CachetInstance> instances = new ArrayList<>();

	@AfterEach
	void tearDown() {
		instances.forEach(CachetInstance::close);
	}

	private CachetInstance start(RedisServer redis, Path disk) {
		CachetInstance instance = CachetInstance.start(redis, disk, prefix);
		instances.add(instance);
		return instance.awaitConnected();
	}

	@Test
	void evictingALookupOnOneInstanceRetiresTheReportOnBoth(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		assertThat(a.pricedReports().report("tea")).isEqualTo("tea costs 20 eur");
		a.settled();
		assertThat(b.pricedReports().report("tea")).isEqualTo("tea costs 20 eur");
		assertThat(b.pricedReports().report("tea")).isEqualTo("tea costs 20 eur");
		assertThat(b.pricedReports().computations()).as("B read A's report from Redis").isZero();

		a.lookups().forgetPrice("coffee");
		b.lookups().forgetRate("usd");
		assertThat(a.pricedReports().report("tea")).isEqualTo("tea costs 20 eur");
		assertThat(b.pricedReports().report("tea")).isEqualTo("tea costs 20 eur");
		assertThat(a.pricedReports().computations() + b.pricedReports().computations())
			.as("unrelated evictions leave the report a hit")
			.isEqualTo(1);

		// the price changes at its source, and one instance evicts the cached one
		a.lookups().priceChanged(30);
		b.lookups().priceChanged(30);
		a.lookups().forgetPrice("tea");
		assertThat(a.pricedReports().report("tea")).as("same instance").isEqualTo("tea costs 60 eur");
		assertThat(a.pricedReports().computations()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(b.pricedReports().report("tea")).as("second instance")
				.isEqualTo("tea costs 60 eur"));
	}

	@Test
	void theOtherInstanceRecomputesWhenNoFreshReportIsShared(RedisServer redis) throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		a.pricedReports().report("tea");
		a.settled();
		assertThat(b.pricedReports().report("tea")).isEqualTo("tea costs 20 eur");

		b.lookups().priceChanged(30);
		a.lookups().forgetPrice("tea");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(b.pricedReports().report("tea")).isEqualTo("tea costs 60 eur"));
		assertThat(b.pricedReports().computations()).as("B computed it, from its own price").isEqualTo(1);
		b.settled();
		assertThat(a.pricedReports().report("tea")).as("A takes B's report: its inputs are B's writes, in Redis")
			.isEqualTo("tea costs 60 eur");
		assertThat(a.pricedReports().computations()).isEqualTo(1);
	}

}
