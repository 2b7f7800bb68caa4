package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import dev.cachet.core.envelope.Producer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.TierEntry;

import static org.assertj.core.api.Assertions.assertThat;

class DiskTierEntriesTest {

	@TempDir
	Path directory;

	@Test
	void listsTheLiveEntriesOfOneCacheFromTheirHeaders() throws Exception {
		DiskTier tier = new DiskTier(new DiskTierSettings(directory, Long.MAX_VALUE, Duration.ofHours(1)));
		EntryMetadata metadata = new EntryMetadata(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(2),
				Duration.ofMillis(40), new Producer(Producer.Kind.CACHEABLE, "com.acme.Svc#load()", "f00d"), "");
		byte[] payload = { 1, 2, 3 };
		Envelope envelope = Envelope.create("c", false, false, metadata, payload, 0, payload.length);
		tier.put("ships", "0123456789abcdef0123456789abcdef", envelope, Duration.ofHours(1));
		tier.put("ships", "fedcba9876543210fedcba9876543210", envelope, Duration.ofHours(1));
		tier.put("other", "0123456789abcdef0123456789abcdef", envelope, Duration.ofHours(1));
		try (Stream<TierEntry> entries = tier.entries("ships")) {
			List<TierEntry> listed = entries.toList();
			assertThat(listed).extracting(TierEntry::key)
				.containsExactlyInAnyOrder("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");
			assertThat(listed).allSatisfy(entry -> {
				assertThat(entry.metadata()).isEqualTo(metadata);
				assertThat(entry.size()).isEqualTo(envelope.size());
			});
		}
		tier.close();
	}

}
