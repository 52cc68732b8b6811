#!/usr/bin/env bash
# Times `clv score` with a saved Pareto/GGG model (empirical-Bayes predictions at CDNOW-like posterior
# means) on the CDNOW summary (2,357 customers, weeks, with litt) and on N simulated customers
# (ParetoGggSimulator at the same parameters, ages uniform in 1..78 weeks), printing wall and CPU
# time (GNU time) and checking that 1 and 2 processors give identical scores. NOT part of the build.
#
# Usage (after `mvn -B -o -pl examples/cli -am package -DskipTests`):
#   clv-bench/scripts/pggg-score.sh [customers, default 100000]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/examples/cli/target/clv.jar
n=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > Make.java <<'JAVA'
import java.nio.file.*;
import java.util.*;
import org.clvkit.models.bayes.*;
import org.clvkit.models.io.*;
public class Make {
  public static void main(String[] a) throws Exception {
    ParetoGggParameters p =
        new ParetoGggParameters(200.416, 194.527, 0.587351, 10.8764, 0.631032, 11.7997);
    ModelFiles.save(ParetoGggModel.of(p), Provenance.now("week"), Path.of("pggg.properties"));
    int n = Integer.parseInt(a[0]);
    double[] ages = new double[n];
    Random r = new Random(1);
    for (int i = 0; i < n; i++) ages[i] = 1 + 77 * r.nextDouble();
    var h = ParetoGggSimulator.of(p, 5L).simulate(ages, 0).histories();
    StringBuilder sb = new StringBuilder("customer_id,frequency,recency,age,litt\n");
    for (int i = 0; i < h.size(); i++) {
      sb.append(i).append(',').append(h.frequency(i)).append(',').append(h.recency(i));
      sb.append(',').append(h.age(i)).append(',').append(h.litt(i)).append('\n');
    }
    Files.writeString(Path.of("simulated.csv"), sb.toString());
  }
}
JAVA
java -cp "$jar" Make.java "$n"
java -jar "$jar" summarize "$root/examples/cli/src/main/resources/org/clvkit/examples/cli/data/CDNOW_sample.txt" \
  --delimiter=whitespace --no-header --id=2 --date=3 --amount=5 --date-format=yyyyMMdd \
  --calibration-end=1997-09-30 --holdout-end=1998-06-30 -o cdnow.csv
for data in cdnow simulated; do
  for cpus in 2 1; do
    echo "== $data, $cpus processor(s)"
    /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" \
      java -XX:ActiveProcessorCount=$cpus -jar "$jar" score $data.csv -p pggg.properties -o $data-$cpus.csv
  done
  cmp $data-2.csv $data-1.csv && echo "$data: identical scores on 1 and 2 processors"
done
