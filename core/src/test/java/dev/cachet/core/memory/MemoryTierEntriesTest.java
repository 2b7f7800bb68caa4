package dev.cachet.core.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import dev.cachet.core.envelope.Producer;

import org.junit.jupiter.api.Test;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.TierEntry;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryTierEntriesTest {

	private static Envelope envelope(String methodId, String fingerprint) {
		byte[] payload = { 1, 2, 3 };
		return Envelope.create("test", false, false,
				new EntryMetadata(Instant.parse("2026-05-01T10:00:00Z"), Duration.ofHours(1), Duration.ofMillis(40), new Producer(Producer.Kind.CACHEABLE,
						methodId, fingerprint), ""),
				payload, 0, payload.length);
	}

	@Test
	void listsTheEntriesOfOneCacheWithTheirHeaders() {
		MemoryTier tier = new MemoryTier(1 << 20);
		Envelope first = envelope("a.B#m()", "f1");
		tier.put("one", "k1", first, Duration.ofHours(1));
		tier.put("one", "k2", envelope("a.B#n()", "f2"), Duration.ofHours(1));
		tier.put("two", "k3", envelope("a.B#m()", "f1"), Duration.ofHours(1));
		List<TierEntry> entries;
		try (Stream<TierEntry> stream = tier.entries("one")) {
			entries = stream.sorted((x, y) -> x.key().compareTo(y.key())).toList();
		}
		assertThat(entries).extracting(TierEntry::key).containsExactly("k1", "k2");
		assertThat(entries.get(0).metadata()).isEqualTo(first.metadata());
		assertThat(entries.get(0).size()).isEqualTo(first.size());
	}

}
