package dev.cachet.backend.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.MutableClock;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which circuit guards which command, and what the circuits together report. */
class NodeCircuitsTests {

	private final MutableClock clock = new MutableClock();

	private final NodeCircuits circuits = new NodeCircuits(new CircuitBreaker.Settings(2, Duration.ofSeconds(5)),
			this.clock);

	@Test
	void withoutAClusterTopologyEveryCommandSharesTheWholeConnectionsCircuit() {
		assertThat(this.circuits.forKey(key(0))).isSameAs(this.circuits.whole());
		assertThat(this.circuits.forKey(key(9000))).isSameAs(this.circuits.whole());
		assertThat(this.circuits.forKey(null)).isSameAs(this.circuits.whole());
	}

	@Test
	void onAClusterAKeyedCommandIsGuardedByTheMasterOfItsSlot() {
		this.circuits.useTopology(threeMasters());
		NodeCircuit first = this.circuits.forKey(key(10));
		NodeCircuit second = this.circuits.forKey(key(6000));
		NodeCircuit third = this.circuits.forKey(key(16000));
		assertThat(List.of(first.name(), second.name(), third.name())).containsExactly("10.0.0.1:7000",
				"10.0.0.2:7000", "10.0.0.3:7000");
		assertThat(this.circuits.forKey(key(20))).isSameAs(first);
		assertThat(this.circuits.forKey(null)).as("no key: the whole connection").isSameAs(this.circuits.whole());
	}

	@Test
	void aFailingMasterOpensOnlyItsOwnCircuit() {
		this.circuits.useTopology(threeMasters());
		NodeCircuit dead = this.circuits.forKey(key(6000));
		NodeCircuit alive = this.circuits.forKey(key(10));
		dead.failed("no answer within 1000 ms");
		dead.failed("no answer within 1000 ms");
		alive.answered(System.nanoTime());

		assertThat(dead.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(alive.breaker().tryAcquirePermission()).isTrue();
		assertThat(this.circuits.forKey(key(16000)).breaker().tryAcquirePermission()).isTrue();
		assertThat(this.circuits.whole().breaker().tryAcquirePermission()).isTrue();
		assertThat(this.circuits.worstState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.circuits.openings()).isEqualTo(1);
		assertThat(this.circuits.health()).isEqualTo(new TierHealth(TierHealth.State.CIRCUIT_OPEN,
				"circuit open for 10.0.0.2:7000 after: no answer within 1000 ms"));
	}

	@Test
	void healthOffAClusterReadsAsForOneServer() {
		assertThat(this.circuits.health()).isEqualTo(TierHealth.up());
		this.circuits.whole().failed("RedisConnectionException");
		assertThat(this.circuits.health()).isEqualTo(TierHealth.down("RedisConnectionException"));
		this.circuits.whole().failed("RedisConnectionException");
		assertThat(this.circuits.health()).isEqualTo(
				new TierHealth(TierHealth.State.CIRCUIT_OPEN, "circuit open after: RedisConnectionException"));
	}

	@Test
	void answersAreEvidenceOfLifeOnlyAfterTheCommandWasSent() {
		NodeCircuit circuit = this.circuits.whole();
		long sent = System.nanoTime();
		assertThat(circuit.answeredSince(sent)).isFalse();
		circuit.heard(sent + 1);
		assertThat(circuit.answeredSince(sent)).isTrue();
		assertThat(circuit.answeredSince(sent + 1)).isFalse();
		assertThat(circuit.breaker().state()).as("a probe's answer is evidence, not a call").isEqualTo(
				CircuitBreaker.State.CLOSED);
	}

	/** A key of the given slot: the slot number as a hash tag would do, but any key in it serves. */
	private static byte[] key(int slot) {
		for (int i = 0;; i++) {
			byte[] candidate = ("k" + i).getBytes(StandardCharsets.UTF_8);
			if (SlotHash.getSlot(candidate) == slot) {
				return candidate;
			}
		}
	}

	private static Partitions threeMasters() {
		Partitions partitions = new Partitions();
		partitions.addPartition(master("a", "10.0.0.1", 0, 5461));
		partitions.addPartition(master("b", "10.0.0.2", 5461, 10923));
		partitions.addPartition(master("c", "10.0.0.3", 10923, 16384));
		partitions.updateCache();
		return partitions;
	}

	private static RedisClusterNode master(String id, String host, int fromSlot, int toSlot) {
		RedisClusterNode node = new RedisClusterNode();
		node.setNodeId(id);
		node.setUri(RedisURI.create(host, 7000));
		node.setFlags(EnumSet.of(RedisClusterNode.NodeFlag.UPSTREAM));
		node.setSlots(IntStream.range(fromSlot, toSlot).boxed().toList());
		return node;
	}

}
