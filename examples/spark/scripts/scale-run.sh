#!/usr/bin/env bash
# Scale runs of the job jars, once, by hand (not part of the build; tens of minutes on 2 cores):
#   1. the Spark job on 10,000,000 generated customers (~27.7M transactions), submitted with
#      SparkSubmit --master local[2], timed with /usr/bin/time -v (wall time, peak RSS);
#   2. the Flink job (--local, parallelism 2) on the log of 1,000,000 generated customers
#      (~2.77M events; the job replays an in-memory list, so 28M events would not fit a small heap),
#      which prints its throughput in events/s.
# Logs are generated under target/scale (never committed) by GenerateLog (SyntheticCustomerBase,
# CDNOW BG/NBD + Gamma-Gamma parameters, seed 20261125).
# Usage, from the repository root: examples/spark/scripts/scale-run.sh [CUSTOMERS] [FLINK_CUSTOMERS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
customers=${1:-10000000}
flink_customers=${2:-1000000}
out=target/scale
mkdir -p "$out"

# One invocation: build-classpath needs the reactor's clvkit modules packaged in the same run.
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -pl examples/spark,examples/flink -am package \
  dependency:build-classpath -DskipTests -Dmdep.outputFile=target/provided-classpath.txt \
  -Dmdep.includeScope=provided
# Copies, so that rebuilding the modules during the (long) runs does not touch the jars in use.
cp examples/spark/target/clvkit-example-spark-*-job.jar "$out/spark-job.jar"
cp examples/flink/target/clvkit-example-flink-*-job.jar "$out/flink-job.jar"
spark_jar=$out/spark-job.jar
flink_jar=$out/flink-job.jar
spark_cp=$(cat examples/spark/target/provided-classpath.txt)
flink_cp=$(cat examples/flink/target/provided-classpath.txt)
flags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' examples/spark/pom.xml)
flink_flags=$(sed -n 's:.*<flink.jvm.flags>\(.*\)</flink.jvm.flags>.*:\1:p' examples/flink/pom.xml)

log="$out/log-$customers.csv"
[ -s "$log" ] || java -Xmx8g -cp "$spark_jar" org.clvkit.examples.spark.GenerateLog "$customers" "$log" csv
echo "spark: $(date -u +%FT%TZ) $(wc -l <"$log") lines in $log"
rm -rf "$out/scores" "$out/models"
SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -v -o "$out/spark-time.txt" \
  java -Xmx10g $flags -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit \
  --master 'local[2]' --conf spark.driver.bindAddress=127.0.0.1 --conf spark.driver.host=127.0.0.1 \
  --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=16 \
  --class org.clvkit.examples.spark.ClvSparkJob "$spark_jar" "$log" csv "$out/scores" \
  --calibration-end 2025-06-30 --zero-amounts keep --horizon 52 --margin 0.3 \
  --partitions 16 --save-models "$out/models" 2>"$out/spark-stderr.txt" | tee "$out/spark-stdout.txt"
grep -E "Elapsed|Maximum resident" "$out/spark-time.txt"

flog="$out/log-$flink_customers.txt"
[ -s "$flog" ] || java -Xmx4g -cp "$spark_jar" org.clvkit.examples.spark.GenerateLog "$flink_customers" "$flog" cdnow
echo "flink: $(date -u +%FT%TZ) $(wc -l <"$flog") events in $flog"
/usr/bin/time -v -o "$out/flink-time.txt" \
  java -Xmx8g $flink_flags -cp "$flink_cp:$flink_jar" org.clvkit.examples.flink.StreamingClvJob --local \
  --log "$flog" --margin 0.3 >"$out/flink-stdout.txt" 2>"$out/flink-stderr.txt"
grep -E "^events|^outputs|^throughput" "$out/flink-stdout.txt"
grep -E "Elapsed|Maximum resident" "$out/flink-time.txt"
