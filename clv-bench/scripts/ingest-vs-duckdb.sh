#!/usr/bin/env bash
# Whole-process ingest comparison (issue 12, part 5): `clv summarize` against DuckDB (JDBC 2.0.0.1,
# read_csv + GROUP BY) on the same files, one run after another: wall time, CPU time (user + sys)
# and peak RSS from /usr/bin/time, the load average before each file. `clv` runs through its launcher
# (examples/cli/bin/clv: the default heap it derives from the input, no -Xmx of ours). Logs are made by the project's own generator (clv-bench IngestLogs: BG/NBD + GG with
# the CDNOW estimates, seed 20261125, 78 weeks) under clv-bench/target/ingest, never committed:
# 1M customers (2,772,085 rows) and 3.6M customers (~10M rows), each in time order and shuffled.
#
# Usage (from the repository root): clv-bench/scripts/ingest-vs-duckdb.sh [RUNS] [THREADS]
# Runtime on a quiet 2-core machine with the defaults (3 runs, 2 threads): about 1 minute to build,
# 1-2 minutes to generate the logs the first time (~560 MB under clv-bench/target/ingest), then
# about 3-4 minutes of runs.
set -euo pipefail
runs=${1:-3}
threads=${2:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/clv-bench/target/ingest"
mkdir -p "$dir"
cd "$root"
mvn -B -q -DskipTests -pl examples/cli,clv-bench -am package
clv="$root/examples/cli/bin/clv"
bench="$root/clv-bench/target/benchmarks.jar"

for spec in "1000000 log-1m" "3600000 log-10m"; do
  set -- $spec
  [ -f "$dir/$2.csv" ] || java -Xmx4g -cp "$bench" org.clvkit.bench.IngestLogs "$1" "$dir/$2.csv"
  [ -f "$dir/$2-shuffled.csv" ] || java -Xmx4g -cp "$bench" org.clvkit.bench.IngestLogs "$1" "$dir/$2-shuffled.csv" shuffled
done

measure() { # label command...
  local label=$1; shift
  for r in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" "$@" > /dev/null 2> "$dir/stderr.txt" || {
      echo "$label: failed"; cat "$dir/stderr.txt"; return; }
    read -r secs user sys kib < "$dir/time.txt"
    echo "$label run $r: wall $secs s, CPU $(awk "BEGIN { print $user + $sys }") s (user $user, sys $sys)," \
      "$((kib / 1024)) MiB peak RSS"
  done
}

echo "# $(date -u +%Y-%m-%d) $(nproc) cores, $(java -version 2>&1 | head -1)"
for f in log-1m log-1m-shuffled log-10m log-10m-shuffled; do
  rows=$(($(wc -l < "$dir/$f.csv") - 1))
  echo "## $f.csv: $rows rows; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  measure "clv summarize" env CLV_JAR="$root/examples/cli/target/clv.jar" "$clv" summarize "$dir/$f.csv" -o "$dir/clv-$f.csv" \
    --calibration-end 2025-06-29 --progress never
  measure "duckdb $threads threads" java -cp "$bench" org.clvkit.bench.DuckDbIngest \
    "$dir/$f.csv" "$dir/duckdb-$f.csv" 2025-06-30 "$threads"
done
