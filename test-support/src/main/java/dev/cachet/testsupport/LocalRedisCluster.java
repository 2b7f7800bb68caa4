package dev.cachet.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A local Redis Cluster of masters without replicas, built from {@code redis-server} on the PATH or,
 * without one, from the binary shipped in {@code embedded-redis}: node {@code i} of {@code n} gets
 * the hash slots {@code [16384 * i / n, 16384 * (i + 1) / n)}, the nodes meet, and {@link #start}
 * returns once every node reports {@code cluster_state:ok}.
 *
 * <p>The nodes run with {@code cluster-require-full-coverage no}: without replicas, a dead master
 * would otherwise make every other master refuse all commands ({@code CLUSTERDOWN}), and a test of a
 * node fault could not see the surviving masters serve their own slots.
 */
public final class LocalRedisCluster implements AutoCloseable {

	private static final int SLOTS = 16384;

	private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(20);

	private final List<RedisServer> nodes;

	private LocalRedisCluster(List<RedisServer> nodes) {
		this.nodes = List.copyOf(nodes);
	}

	/** Starts a cluster of {@code masters} nodes and waits until it serves every slot. */
	public static LocalRedisCluster start(int masters) {
		Path onPath = RedisServers.redisServerOnPath().orElse(null);
		Path executable = (onPath != null) ? onPath : RedisServers.embeddedExecutable();
		String kind = (onPath != null) ? "path" : "embedded";
		List<RedisServer> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < masters; i++) {
				nodes.add(RedisServers.startLocal(executable, kind,
						List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
								"--cluster-node-timeout", "2000", "--cluster-require-full-coverage", "no")));
			}
			LocalRedisCluster cluster = new LocalRedisCluster(nodes);
			cluster.form();
			return cluster;
		}
		catch (RuntimeException ex) {
			nodes.forEach(RedisServer::close);
			throw ex;
		}
	}

	/** The nodes, each as {@code host:port}. */
	public List<String> nodeAddresses() {
		return this.nodes.stream().map((node) -> node.host() + ":" + node.port()).toList();
	}

	public List<RedisServer> nodes() {
		return this.nodes;
	}

	/** The index of the node that serves a hash slot (as {@code io.lettuce.core.cluster.SlotHash} computes it). */
	public int nodeOfSlot(int slot) {
		if (slot < 0 || slot >= SLOTS) {
			throw new IllegalArgumentException("slot " + slot + " is outside [0, " + SLOTS + ")");
		}
		int count = this.nodes.size();
		for (int i = 1; i < count; i++) {
			if (slot < SLOTS * i / count) {
				return i - 1;
			}
		}
		return count - 1;
	}

	private void form() {
		RedisClient client = RedisClient.create();
		try {
			int count = this.nodes.size();
			for (int i = 0; i < count; i++) {
				int from = SLOTS * i / count;
				int to = SLOTS * (i + 1) / count;
				withNode(client, this.nodes.get(i),
						(commands) -> commands.clusterAddSlots(IntStream.range(from, to).toArray()));
			}
			RedisServer first = this.nodes.get(0);
			for (RedisServer other : this.nodes.subList(1, count)) {
				withNode(client, first, (commands) -> commands.clusterMeet(other.host(), other.port()));
			}
			long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
			while (!allNodesOk(client)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Redis Cluster did not form within " + FORMATION_TIMEOUT);
				}
				RedisPing.sleep(Duration.ofMillis(50));
			}
		}
		finally {
			client.shutdown();
		}
	}

	private boolean allNodesOk(RedisClient client) {
		for (RedisServer node : this.nodes) {
			String info = withNode(client, node, RedisCommands::clusterInfo);
			if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + this.nodes.size())) {
				return false;
			}
		}
		return true;
	}

	private static <T> T withNode(RedisClient client, RedisServer node,
			Function<RedisCommands<String, String>, T> action) {
		try (StatefulRedisConnection<String, String> connection = client
			.connect(RedisURI.create(node.host(), node.port()))) {
			return action.apply(connection.sync());
		}
	}

	@Override
	public void close() {
		this.nodes.forEach(RedisServer::close);
	}

}
