#!/usr/bin/env bash
# Regenerates the Flink example's bundled model files (src/main/resources/cdnow/cdnow-*.properties)
# with the project's own code: FitCdnowModels fits every continuous purchase model type of
# ModelTypes whose fit on the bundled CDNOW sample succeeds, and the Gamma-Gamma, and writes them
# with the fixed fit date FitCdnowModels.BUNDLED_FIT_DATE (so a rerun changes a file only when its
# fit changed). The Pareto/NBD (HB) fit is Markov chain Monte Carlo with a fixed seed: it takes a
# few minutes. BundledModelsTest checks the files against a fresh fit (the HB one too). Nothing
# is installed into ~/.m2.
# Usage, from anywhere: examples/flink/scripts/regenerate-bundled-models.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -q -pl examples/flink -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/regenerate-classpath.txt -Dmdep.includeScope=runtime
java -cp "examples/flink/target/classes:$(cat examples/flink/target/regenerate-classpath.txt)" \
  org.clvkit.examples.flink.FitCdnowModels examples/flink/src/main/resources/cdnow all
git status --short examples/flink/src/main/resources/cdnow
