package dev.cachet.backend.redis;

/**
 * What the Redis calls of one tier, lease or bus met since it was made.
 *
 * @param timeouts        calls whose caller stopped waiting after the time budget (plus the time
 *                        this JVM was stalled); each was a miss or a skipped write
 * @param refusals        calls an open circuit refused without sending them
 * @param serverFailures  failures counted against a circuit: a refused or dropped connection, or a
 *                        command the server left unanswered for the answer timeout
 * @param circuitOpenings how many times a circuit opened (any node's, on a cluster)
 */
public record RedisCommandStatistics(long timeouts, long refusals, long serverFailures, long circuitOpenings) {
}
