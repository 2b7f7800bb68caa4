package dev.cachet.backend.redis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.core.tier.TierHealth;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

/**
 * The circuits of one Redis connection, one per server a command can reach. On a cluster a keyed
 * command goes to the master of its key's hash slot ({@link SlotHash}, the topology Lettuce keeps
 * up to date), so it is guarded by that master's circuit alone: a dead master makes only its own
 * slots miss. Commands without one key (SCAN, a batch UNLINK, PUBLISH), every command on a standalone
 * or Sentinel-managed Redis, and every command before the first connection (the topology is not
 * known yet) share the {@linkplain #whole() whole connection's} circuit.
 */
final class NodeCircuits {

	private final CircuitBreaker.Settings settings;

	private final Clock clock;

	private final NodeCircuit whole;

	private final Map<String, NodeCircuit> byNode = new ConcurrentHashMap<>();

	/** The cluster topology, once connected to a cluster; {@code null} otherwise. */
	private volatile Partitions partitions;

	NodeCircuits(CircuitBreaker.Settings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.whole = new NodeCircuit("redis", settings, clock);
	}

	/** Routes keyed commands by slot from now on; Lettuce refreshes the topology in place. */
	void useTopology(Partitions topology) {
		this.partitions = topology;
	}

	/** The circuit of commands without a single key, and of every command off a cluster. */
	NodeCircuit whole() {
		return this.whole;
	}

	/** The circuit of the server that holds {@code key}, or the whole connection's when there is no key or topology. */
	NodeCircuit forKey(byte[] key) {
		Partitions topology = this.partitions;
		if (key == null || topology == null) {
			return this.whole;
		}
		RedisClusterNode master = topology.getMasterBySlot(SlotHash.getSlot(key));
		if (master == null) {
			// a slot no master serves: the cluster as a whole is broken there
			return this.whole;
		}
		String id = (master.getNodeId() != null) ? master.getNodeId() : String.valueOf(master.getUri());
		NodeCircuit circuit = this.byNode.get(id);
		return (circuit != null) ? circuit : this.byNode.computeIfAbsent(id, (k) -> create(master));
	}

	/** Every circuit made so far, the whole connection's first. */
	List<NodeCircuit> all() {
		List<NodeCircuit> all = new ArrayList<>(this.byNode.size() + 1);
		all.add(this.whole);
		all.addAll(this.byNode.values());
		return all;
	}

	/** The worst state of any circuit: open before half-open before closed. */
	CircuitBreaker.State worstState() {
		CircuitBreaker.State worst = CircuitBreaker.State.CLOSED;
		for (NodeCircuit circuit : all()) {
			CircuitBreaker.State state = circuit.breaker().state();
			if (state == CircuitBreaker.State.OPEN) {
				return state;
			}
			if (state == CircuitBreaker.State.HALF_OPEN) {
				worst = state;
			}
		}
		return worst;
	}

	/**
	 * Circuit open if any circuit is not closed, else down if any server's last call failed, else up.
	 * Off a cluster the detail reads as for one server; on a cluster it names the masters concerned.
	 */
	TierHealth health() {
		List<String> open = new ArrayList<>();
		List<String> failing = new ArrayList<>();
		for (NodeCircuit circuit : all()) {
			String failure = circuit.lastFailure();
			String name = (circuit == this.whole) ? "" : " for " + circuit.name();
			if (circuit.breaker().state() != CircuitBreaker.State.CLOSED) {
				open.add("circuit open" + name + ((failure != null) ? " after: " + failure : ""));
			}
			else if (failure != null) {
				failing.add((circuit == this.whole) ? failure : circuit.name() + ": " + failure);
			}
		}
		if (!open.isEmpty()) {
			return new TierHealth(TierHealth.State.CIRCUIT_OPEN, String.join("; ", open));
		}
		return failing.isEmpty() ? TierHealth.up() : TierHealth.down(String.join("; ", failing));
	}

	/** How many times any circuit opened. */
	long openings() {
		long total = 0;
		for (NodeCircuit circuit : all()) {
			total += circuit.breaker().openings();
		}
		return total;
	}

	private NodeCircuit create(RedisClusterNode master) {
		RedisURI uri = master.getUri();
		String name = (uri != null) ? uri.getHost() + ":" + uri.getPort() : "node " + master.getNodeId();
		return new NodeCircuit(name, this.settings, this.clock);
	}

}
