#!/usr/bin/env bash
# Whole-process ingest comparison (issue 12, part 5): `clv summarize` against DuckDB (JDBC 2.0.0.1,
# read_csv + GROUP BY) on the same files, one run after another, wall time and peak RSS from
# /usr/bin/time. Logs are made by the project's own generator (clv-bench IngestLogs: BG/NBD + GG with
# the CDNOW estimates, seed 20261125, 78 weeks) under clv-bench/target/ingest, never committed:
# 1M customers (2,772,085 rows) and 3.6M customers (~10M rows), each in time order and shuffled.
#
# Usage (from the repository root): clv-bench/scripts/ingest-vs-duckdb.sh [RUNS] [THREADS]
set -euo pipefail
runs=${1:-3}
threads=${2:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/clv-bench/target/ingest"
mkdir -p "$dir"
cd "$root"
mvn -B -q -DskipTests -pl examples/cli,clv-bench -am package
clv="$root/examples/cli/target/clv.jar"
bench="$root/clv-bench/target/benchmarks.jar"

for spec in "1000000 log-1m" "3600000 log-10m"; do
  set -- $spec
  [ -f "$dir/$2.csv" ] || java -Xmx4g -cp "$bench" org.clvkit.bench.IngestLogs "$1" "$dir/$2.csv"
  [ -f "$dir/$2-shuffled.csv" ] || java -Xmx4g -cp "$bench" org.clvkit.bench.IngestLogs "$1" "$dir/$2-shuffled.csv" shuffled
done

measure() { # label command...
  local label=$1; shift
  for r in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > /dev/null 2> "$dir/stderr.txt" || {
      echo "$label: failed"; cat "$dir/stderr.txt"; return; }
    read -r secs kib < "$dir/time.txt"
    echo "$label run $r: $secs s, $((kib / 1024)) MiB peak RSS"
  done
}

echo "# $(date -u +%Y-%m-%d) $(nproc) cores, $(java -version 2>&1 | head -1)"
for f in log-1m log-1m-shuffled log-10m log-10m-shuffled; do
  rows=$(($(wc -l < "$dir/$f.csv") - 1))
  echo "## $f.csv: $rows rows"
  measure "clv summarize" java -jar "$clv" summarize "$dir/$f.csv" -o "$dir/clv-$f.csv" \
    --calibration-end 2025-06-29 --progress never
  measure "duckdb $threads threads" java -cp "$bench" org.clvkit.bench.DuckDbIngest \
    "$dir/$f.csv" "$dir/duckdb-$f.csv" 2025-06-30 "$threads"
done
