#!/usr/bin/env bash
# One-off fingerprint time BEFORE vs AFTER the fingerprint work, in one run.
#
#   bench/fingerprint-before-after.sh [rounds=7] [warmups=5] [runs=20]
#
# BEFORE is core as of $BEFORE (default c7d4136), AFTER is core as checked out here. The script
# builds the old core jar in a temporary git worktree (removed afterwards), builds the current
# bench module and everything it needs, then runs dev.cachet.bench.key.FingerprintTiming in
# separate JVMs: one process per target, side and round, the class path identical except for the
# core jar. Sides alternate (ABBA) within the rounds. Each process prints its cold figure (the very
# first fingerprint of the JVM) and the median/min/max of `runs` timed fingerprints after
# `warmups` untimed ones, each with a fresh MethodFingerprinter (no memo).
#
# Prints per target: the median over rounds of each side's per-process medians and cold figures,
# their ranges (min-max over rounds), and the ratio after/before. Raw lines go to
# bench/results/<date>-fingerprint-before-after.txt. Offline (./mvnw -o); needs git and java 17.
set -euo pipefail

ROUNDS=${1:-7}
WARMUPS=${2:-5}
RUNS=${3:-20}
BEFORE=${BEFORE:-c7d4136}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
TARGETS=(fifty ais fleet)

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/cachet-fp-XXXXXX")
cleanup() {
	if [ -d "$work/before" ]; then
		git -C "$root" worktree remove --force "$work/before" || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "# uptime before: $(uptime)"
echo "# building core at $BEFORE in a temporary worktree"
git -C "$root" worktree add --quiet --detach "$work/before" "$BEFORE"
(cd "$work/before" && ./mvnw -B -o -q package -pl core -DskipTests)
old_jar=$(ls "$work/before"/core/target/cachet-core-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' -e '-javadoc\.jar$')
mkdir -p "$work/core-before"
cp "$old_jar" "$work/core-before/"
old_jar="$work/core-before/$(basename "$old_jar")"
git -C "$root" worktree remove --force "$work/before"

echo "# building core and bench as checked out here ($(git -C "$root" rev-parse --short HEAD))"
(cd "$root" && ./mvnw -B -o -q package dependency:build-classpath -DskipTests -pl bench -am \
	-Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime)
new_jar=$(ls "$root"/core/target/cachet-core-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' -e '-javadoc\.jar$')
deps=$(cat "$root/bench/target/bench-classpath.txt")

# Same class path on both sides but for the core jar.
after_cp="$root/bench/target/classes:$deps"
before_cp=$(printf '%s' "$after_cp" | awk -v RS=':' -v ORS=':' -v new="$new_jar" -v old="$old_jar" \
	'{ sub(/\n$/, ""); if ($0 == new) { print old; n++ } else print } END { if (n != 1) exit 1 }' | sed 's/:$//')
if [ "$(printf '%s' "$after_cp" | tr ':' '\n' | grep -c -x -F "$new_jar")" != 1 ] \
	|| [ "$(printf '%s' "$before_cp" | tr ':' '\n' | grep -c -x -F "$old_jar")" != 1 ]; then
	echo "cannot swap the core jar on the class path" >&2
	exit 1
fi

mkdir -p "$root/bench/results"
raw="$root/bench/results/$(date +%F)-fingerprint-before-after.txt"
{
	echo "# $(date -Is) before=$BEFORE after=$(git -C "$root" rev-parse --short HEAD) rounds=$ROUNDS warmups=$WARMUPS runs=$RUNS java_opts=$JAVA_OPTS"
	echo "# $(java -version 2>&1 | head -1), $(nproc) cores"
} > "$raw"

run() { # side round target
	local cp=$after_cp
	[ "$1" = before ] && cp=$before_cp
	# shellcheck disable=SC2086
	line=$(java $JAVA_OPTS -cp "$cp" dev.cachet.bench.key.FingerprintTiming "$3" "$WARMUPS" "$RUNS" | grep '^FP ')
	echo "side=$1 round=$2 $line" | tee -a "$raw"
}

for round in $(seq 1 "$ROUNDS"); do
	if [ $((round % 2)) = 1 ]; then order=(before after); else order=(after before); fi
	for target in "${TARGETS[@]}"; do
		for side in "${order[@]}"; do
			run "$side" "$round" "$target"
		done
	done
done
echo "# uptime after: $(uptime)" | tee -a "$raw"

echo
echo "Per target: median over $ROUNDS processes per side [range], ms; ratio = after / before of the medians"
grep '^side=' "$raw" | awk '
	function median(list,   n, a, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function lo(list,   n, a, i, m) { n = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= n; i++) if (a[i] + 0 < m) m = a[i] + 0; return m }
	function hi(list,   n, a, i, m) { n = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= n; i++) if (a[i] + 0 > m) m = a[i] + 0; return m }
	{
		for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		k = f["target"] SUBSEP f["side"]
		warm[k] = warm[k] " " f["median_ms"]; cold[k] = cold[k] " " f["cold_ms"]; parts[k] = f["parts"]
		if (!(f["target"] in seen)) { seen[f["target"]] = 1; order[++nt] = f["target"] }
	}
	END {
		printf "| target | metric | before | after | after/before |\n|---|---|---|---|---|\n"
		for (t = 1; t <= nt; t++) {
			x = order[t]; b = x SUBSEP "before"; a = x SUBSEP "after"
			printf "| %s (parts %s -> %s) | warm, median of %s | %.1f [%.1f-%.1f] | %.1f [%.1f-%.1f] | %.1fx |\n", x, parts[b], parts[a], "'"$RUNS"'",
				median(warm[b]), lo(warm[b]), hi(warm[b]), median(warm[a]), lo(warm[a]), hi(warm[a]), median(warm[a]) / median(warm[b])
			printf "| %s | cold (first in JVM) | %.0f [%.0f-%.0f] | %.0f [%.0f-%.0f] | %.1fx |\n", x,
				median(cold[b]), lo(cold[b]), hi(cold[b]), median(cold[a]), lo(cold[a]), hi(cold[a]), median(cold[a]) / median(cold[b])
		}
	}' | tee -a "$raw"
echo "raw lines: $raw"
