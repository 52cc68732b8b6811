#!/usr/bin/env bash
# Consumer check: builds a small project outside the reactor (.ci/consumer) that imports clv-bom and
# depends on clv-models, resolving clvkit from a staged release repository only, and runs the README's
# usage sample with it, once on the class path and once on the module path; then runs the jbang
# example (examples/jbang/TryClvkit.java) with a plain JDK against the same artifacts.
#
# Usage: .ci/consumer-check.sh [STAGING_REPO]   (default target/release-check/staging-repo, which
# .ci/release-check.sh fills). Maven's local repository here is target/consumer-m2, never ~/.m2:
# third-party artifacts come from Central, clvkit's from the staging repository alone (checked).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
staging=$(cd "${1:-target/release-check/staging-repo}" && pwd)
work=$root/target/consumer-check
m2=$root/target/consumer-m2

fail() { echo "consumer-check: $*" >&2; exit 1; }

versions=$(ls "$staging/org/clvkit/clv-bom" 2>/dev/null | grep -v '^maven-metadata' || true)
[ "$(echo "$versions" | grep -c .)" -eq 1 ] || fail "expected one staged clv-bom version in $staging, found: ${versions:-none}"
version=$versions
echo "consumer-check: clvkit $version from $staging"

rm -rf "$work" "$m2/org/clvkit"
mkdir -p "$work"

# The README's usage sample, cut out as ReadmeSampleTest does: the first ```java block after "## Usage".
awk '/^## Usage/ {u = 1} u && !s && $0 == "```java" {s = 1; next} s && /^```/ {exit} s {print}' \
  README.md >"$work/sample.java"
class=$(sed -nE 's/^public +(final +)?class +([A-Za-z0-9_]+).*/\2/p' "$work/sample.java" | head -1)
[ -n "$class" ] || fail "README.md's usage sample declares no public class"

mvn_consumer() {
  mvn -B -q -f "$1/pom.xml" -Dmaven.repo.local="$m2" -Dclvkit.version="$version" \
    -Dclvkit.staging.url="file://$staging" compile dependency:build-classpath \
    -Dmdep.outputFile="$1/target/dependencies.txt" -Dmdep.includeScope=runtime
}

# 1. Class path: the sample as README.md has it, in the unnamed package.
cp_dir=$work/classpath
mkdir -p "$cp_dir/src/main/java"
cp .ci/consumer/pom.xml "$cp_dir/"
cp "$work/sample.java" "$cp_dir/src/main/java/$class.java"
mvn_consumer "$cp_dir"
java -cp "$cp_dir/target/classes:$(cat "$cp_dir/target/dependencies.txt")" "$class" >"$work/classpath.out"

# 2. Module path: the same sample in a package of a named module that requires org.clvkit.models.
mp_dir=$work/modulepath
mkdir -p "$mp_dir/src/main/java/org/clvkit/consumer"
cp .ci/consumer/pom.xml "$mp_dir/"
cp .ci/consumer/module-info.java "$mp_dir/src/main/java/"
{ echo "package org.clvkit.consumer;"; echo; cat "$work/sample.java"; } \
  >"$mp_dir/src/main/java/org/clvkit/consumer/$class.java"
mvn_consumer "$mp_dir"
module_path="$mp_dir/target/classes:$(cat "$mp_dir/target/dependencies.txt")"
for m in org.clvkit.core org.clvkit.models; do
  java --module-path "$module_path" --describe-module "$m" | head -1
done
java --module-path "$module_path" -m "org.clvkit.consumer/org.clvkit.consumer.$class" >"$work/modulepath.out"

[ -s "$work/classpath.out" ] || fail "the README sample printed nothing"
cmp -s "$work/classpath.out" "$work/modulepath.out" || {
  diff "$work/classpath.out" "$work/modulepath.out" >&2 || true
  fail "class-path and module-path runs printed different results"
}
sed 's/^/  /' "$work/classpath.out"

# 3. clvkit came from the staging repository only, byte for byte.
staged_sums=$(find "$staging/org/clvkit" -name '*.jar' -exec sha256sum {} + | cut -d' ' -f1)
found=0
while IFS= read -r jar; do
  found=$((found + 1))
  markers=$(dirname "$jar")/_remote.repositories
  if grep -vE '^#' "$markers" | grep -v '>clvkit-staging=$' | grep -q .; then
    fail "$(basename "$jar") was not resolved from the staging repository: $(cat "$markers")"
  fi
  grep -qx "$(sha256sum "$jar" | cut -d' ' -f1)" <<<"$staged_sums" \
    || fail "${jar#"$m2"/} is not one of the staged jars"
done < <(find "$m2/org/clvkit" -name '*.jar')
[ "$found" -ge 2 ] || fail "expected clv-core and clv-models jars in $m2, found $found"

# 4. The jbang example: its //DEPS line, run with a plain JDK (source-file mode) on the same class path.
jbang_file=examples/jbang/TryClvkit.java
deps=$(sed -nE 's#^//DEPS org\.clvkit:clv-models:(.+)$#\1#p' "$jbang_file")
[ -n "$deps" ] || fail "$jbang_file has no //DEPS org.clvkit:clv-models:VERSION line"
java -cp "$(cat "$cp_dir/target/dependencies.txt")" "$jbang_file" >"$work/jbang.out"
grep -q '^P(alive)' "$work/jbang.out" || fail "$jbang_file printed no P(alive)"

# 5. A release names itself: README's coordinates and the jbang //DEPS line give the staged version.
if [[ $version != *-SNAPSHOT ]]; then
  [ "$deps" = "$version" ] || fail "$jbang_file depends on $deps, the release is $version"
  grep -qF "<version>$version</version>" README.md || fail "README.md's Maven coordinates do not say $version"
  ! grep -q '<version>[^<]*-SNAPSHOT</version>' README.md || fail "README.md still names a SNAPSHOT version"
fi

echo "consumer-check: passed (class path, module path, jbang example; clvkit $version from the staging repository only)"
