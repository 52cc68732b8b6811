#!/usr/bin/env bash
# A/B timing of `clv summarize` for two builds of clv.jar, run alternately on the same logs through the
# launcher (examples/cli/bin/clv, its default heap): the "read and parse" phase (-Dclvkit.phases=true),
# wall, CPU (user + sys) and peak RSS from /usr/bin/time, and whether both summaries are byte-identical.
#
# Usage (from the repository root): clv-bench/scripts/summarize-ab.sh A.jar B.jar RUNS LOG...
#   e.g. clv-bench/scripts/summarize-ab.sh /tmp/main-clv.jar examples/cli/target/clv.jar 3 \
#          clv-bench/target/ingest/log-1m.csv clv-bench/target/ingest/log-1m-shuffled.csv
# Extra JVM options for both: CLV_JAVA_OPTS (e.g. -Dclvkit.parseThreads=1 for one parsing thread).
set -euo pipefail
a=$1 b=$2 runs=$3
shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for log in "$@"; do
  for r in $(seq "$runs"); do
    for jar in "$a" "$b"; do
      tag=$([ "$jar" = "$a" ] && echo A || echo B)
      CLV_JAR=$jar CLV_JAVA_OPTS="-Dclvkit.phases=true ${CLV_JAVA_OPTS:-}" \
        /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$root/examples/cli/bin/clv" summarize "$log" \
        -o "$out/$tag.csv" --calibration-end 2025-06-29 --progress never 2> "$out/err.txt" > /dev/null
      read -r secs user sys kib < "$out/time.txt"
      parse=$(sed -n 's/^phase read and parse: //p' "$out/err.txt")
      echo "$(basename "$log") run $r $tag: read and parse $parse, wall $secs s," \
        "CPU $(awk "BEGIN { print $user + $sys }") s, $((kib / 1024)) MiB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))"
    done
    cmp -s "$out/A.csv" "$out/B.csv" && echo "  summaries identical" || echo "  SUMMARIES DIFFER"
  done
done
