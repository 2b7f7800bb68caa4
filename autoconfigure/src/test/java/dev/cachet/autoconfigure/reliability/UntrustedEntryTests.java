package dev.cachet.autoconfigure.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.cache.MissReason;
import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.codec.ForyValueCodec;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry whose payload names a class outside the codec's allowlist, planted in each tier (S3 included), is
 * refused by the full tiered-cache read path without the class being loaded in the application's
 * class loader: its static initializer, constructor and {@code readObject} never run there, and the
 * call computes its value instead. The entry passes every check before the decoder (it is written at its
 * own address, as a programmatic put, fresh), so it is the decoder's allowlist that refuses it
 * ({@link MissReason#UNDECODABLE}), and the entry is deleted.
 */
@ExtendWith({ RedisServerExtension.class, S3ServerExtension.class })
class UntrustedEntryTests {

	private static final String APPLICATION_LOADER = "app;";

	@TempDir
	Path disk;

	@Test
	void aGadgetInAnyTierIsRefusedWithoutRunningItsCodeAndTheCallComputes(RedisServer server, S3Server s3) throws Exception {
		try (HandWiredTiers tiers = new HandWiredTiers(server, s3, this.disk, 1024 * 1024)) {
			TieredCache cache = tiers.manager.getCache("untrusted");
			// the memory tier holds this JVM's objects, never bytes someone else wrote: nothing to plant there
			plantAndRead(tiers, cache, "disk", tiers.disk);
			plantAndRead(tiers, cache, "redis", tiers.redis);
			plantAndRead(tiers, cache, "s3", tiers.s3);
			assertThat(cache.statistics().rejected(MissReason.UNDECODABLE)).as("refused by the decoder in each tier")
				.isEqualTo(3);
		}
		assertThat(GadgetLoader.events("constructor")).as("the writer built real gadgets").contains("writer;");
		assertThat(GadgetLoader.events("clinit")).doesNotContain(APPLICATION_LOADER);
		assertThat(GadgetLoader.events("constructor")).doesNotContain(APPLICATION_LOADER);
		assertThat(GadgetLoader.events("readObject")).doesNotContain(APPLICATION_LOADER);

		// Control: a codec that allows the gadget's package runs its code, so the bytes do carry a gadget.
		Envelope gadget = gadgetEnvelope("control");
		ClassLoader control = new GadgetLoader("control");
		Object decoded = new ForyValueCodec(ClassAllowlist.of(List.of(HandWiredTiers.PACKAGE)), control)
			.decode(gadget.bytes(), gadget.payloadOffset(), gadget.payloadLength());
		assertThat(decoded.getClass().getName()).isEqualTo(GadgetLoader.GADGET);
		assertThat(GadgetLoader.events("clinit")).contains("control;");
		assertThat(GadgetLoader.events("readObject")).contains("control;");
	}

	private static void plantAndRead(HandWiredTiers tiers, TieredCache cache, String tierName, CacheTier tier)
			throws Exception {
		String key = "gadget-in-" + tierName;
		Envelope gadget = gadgetEnvelope(key);
		awaitPut(tier, key, gadget);
		TierStatistics statistics = tiers.manager.tiers().get(tierName).statistics();
		long errors = statistics.errors();

		Object value = cache.get(CachetKey.of(key), () -> "computed in place of the gadget");

		assertThat(value).isEqualTo("computed in place of the gadget");
		assertThat(statistics.errors()).as("refusal counted in tier " + tierName).isEqualTo(errors + 1);
		Envelope stored = tier.get("untrusted", key);
		assertThat(stored.bytes()).as("the gadget entry in " + tierName + " was replaced").isNotEqualTo(gadget.bytes());
		assertThat(tiers.serializer.deserialize(stored)).isEqualTo("computed in place of the gadget");
	}

	/** Redis may still be connecting, S3 setting up its client: a put through the tier is retried until it lands. */
	private static void awaitPut(CacheTier tier, String key, Envelope envelope) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				tier.put("untrusted", key, envelope, Duration.ofHours(1));
				return;
			}
			catch (Exception ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(50);
			}
		}
	}

	/**
	 * Encodes a gadget as an attacker with write access to a shared tier would: a valid envelope at the key's
	 * address, recording a programmatic put, which every reader may take.
	 */
	private static Envelope gadgetEnvelope(String key) throws Exception {
		ClassLoader writer = new GadgetLoader("writer");
		byte[] payload = new ForyValueCodec(ClassAllowlist.of(List.of(HandWiredTiers.PACKAGE)), writer)
			.encode(GadgetLoader.newGadget(writer));
		EntryMetadata metadata = new EntryMetadata(Instant.now(), Duration.ofHours(1), Duration.ZERO,
				Producer.PROGRAMMATIC, EntryMetadata.address("untrusted", key));
		return Envelope.create(ForyValueCodec.ID, false, false, metadata, payload, 0, payload.length);
	}

}
