#!/usr/bin/env bash
# Start-up overhead of the sample app with Cachet against the same app without it, in one run.
#
#   bench/startup-overhead.sh [rounds=7]
#
# Builds the repackaged sample app (sample-app/target/cachet-sample-app-exec.jar) and the bench
# module, then runs dev.cachet.bench.startup.StartupTiming: per round one launch WITH Cachet
# (--cachet.tiers=memory,disk --cachet.disk.path=<fresh folder>) and one WITHOUT (the same plus
# --spring.cache.type=none, which makes every Cachet auto-configuration step aside:
# CachetAutoConfiguration, S3 and Redis are @ConditionalOnAutomaticCacheType, the others need its
# TieredCacheManager), order alternating, each `java -Xmx256m -jar` timed from process start until
# GET /actuator/health answers 200. Each launch is checked afterwards: /actuator/cachet answers 200
# only with Cachet, /actuator/caches lists no cache with Boot's no-op manager, and the disk folder
# exists only with Cachet. All launches share one AIS data folder, written by an untimed warm-up.
#
# The app does not log how long fingerprinting takes, so one more launch WITH Cachet (not counted)
# runs under JFR, and the script prints the wall-clock window between the first and the last
# execution sample of the main thread inside Cachet's start-up scan (CachedMethodScanner, which
# fingerprints every cached method), and its share of the main thread's samples.
# Logs of every launch go to bench/target/startup-logs/, the printed lines also to
# bench/results/<date>-startup-overhead.txt. Offline (./mvnw -o).
set -euo pipefail

ROUNDS=${1:-7}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)

main() {
	echo "# uptime before: $(uptime)"
	echo "# building the sample app and bench at $(git -C "$root" rev-parse --short HEAD)"
	(cd "$root" && ./mvnw -B -o -q package dependency:build-classpath -DskipTests -pl bench -am \
		-Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime)

	logs="$root/bench/target/startup-logs"
	rm -rf "$logs"
	java -cp "$root/bench/target/classes:$(cat "$root/bench/target/bench-classpath.txt")" \
		dev.cachet.bench.startup.StartupTiming "$root/sample-app/target/cachet-sample-app-exec.jar" "$ROUNDS" "$logs" jfr
	echo "# uptime after: $(uptime)"

	echo
	echo "Fingerprinting at start-up (JFR, main thread, profiled launch with Cachet):"
	jfr print --stack-depth 400 --events jdk.ExecutionSample "$logs/with.jfr" | awk '
		function secs(t,   p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
		function flush() {
			if (!main) return
			total++
			if (scan) { n++; if (first == "") first = time; last = time }
			if (fp) fpn++
		}
		/^jdk.ExecutionSample/ { flush(); main = 0; scan = 0; fp = 0; next }
		/startTime = / { time = $3 }
		/sampledThread = "main"/ { main = 1 }
		/dev\.cachet\.autoconfigure\.CachedMethodScanner\.afterSingletonsInstantiated/ { scan = 1 }
		/dev\.cachet\.core\.fingerprint\./ { fp = 1 }
		END {
			flush()
			if (n == 0) { print "  no sample inside CachedMethodScanner"; exit }
			printf "  CachedMethodScanner: first to last sample %.2f s (%s to %s); %d of %d main-thread samples (%.0f%%)\n", secs(last) - secs(first), first, last, n, total, 100 * n / total
			printf "  samples with dev.cachet.core.fingerprint on the stack: %d (%.0f%%)\n", fpn, 100 * fpn / total
		}'
	grep -h "Started SampleApplication" "$logs/startup-with-profiled.log" | sed 's/.*: /  profiled launch: /'
}

mkdir -p "$root/bench/results"
main 2>&1 | tee "$root/bench/results/$(date +%F)-startup-overhead.txt"
