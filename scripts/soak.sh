#!/usr/bin/env bash
# Soak test: the sample app's AIS load in the tiers [memory, disk, redis, s3] against a real Redis and
# a real S3 API (both started on loopback ports by the command), under load from a few threads, with
# Redis kills, S3 stops and disk corruption on a schedule. Prints a table per kind of phase and stops
# by itself; exits 1 if any call failed or returned a wrong result.
#
#   scripts/soak.sh [minutes=10] [seconds-per-phase=15] [threads=4]
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -pl sample-app -am test-compile dependency:build-classpath \
	-Dmdep.includeScope=test -Dmdep.outputFile=target/soak.classpath
classpath="sample-app/target/test-classes:sample-app/target/classes:$(cat sample-app/target/soak.classpath)"
exec java -Xmx1g -cp "$classpath" dev.cachet.sample.soak.Soak "${1:-10}" "${2:-15}" "${3:-4}"
