#!/usr/bin/env bash
# Release check: everything of a release up to the upload, on the published modules (the parent,
# clv-core, clv-models, clv-bom).
#  1. A throwaway GPG key (passphrase-less, in a temporary GNUPGHOME, deleted afterwards).
#  2. From clean: mvn -P release verify (sources, javadoc, signatures, API report) and deployment to a
#     file repository, target/release-check/staging-repo; every signature verified.
#  3. Reproducibility: a second build from clean in a copy of the sources elsewhere; its jars and
#     poms must equal the first build's byte for byte.
#  4. The consumer check (.ci/consumer-check.sh) against the staged release.
# Nothing is installed into ~/.m2 and nothing is uploaded.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
published=clv-core,clv-models,clv-bom
out=$root/target/release-check
release_build=(mvn -B -P release -pl "$published" -am -DskipTests)

gnupg_home=$(mktemp -d)
cleanup() {
  GNUPGHOME=$gnupg_home gpgconf --kill all 2>/dev/null || true
  rm -rf "$gnupg_home"
}
trap cleanup EXIT
chmod 700 "$gnupg_home"
export GNUPGHOME=$gnupg_home
gpg --batch --quiet --passphrase '' \
  --quick-gen-key 'clvkit CI throwaway key <ci@clvkit.invalid>' ed25519 sign 1d 2>/dev/null
echo "release-check: throwaway signing key $(gpg --list-keys --with-colons 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')"

# 2. First build, signed and staged.
mvn -B -q -pl "$published" -am clean
mkdir -p "$out"
"${release_build[@]}" verify deploy:deploy \
  -DaltDeploymentRepository="staging::file://$out/staging-repo" >"$out/build-1.log" 2>&1 \
  || { tail -50 "$out/build-1.log"; echo "release-check: release build failed (log above)" >&2; exit 1; }
signatures=0
while IFS= read -r asc; do
  gpg --batch --quiet --verify "$asc" "${asc%.asc}" 2>/dev/null \
    || { echo "release-check: bad signature $asc" >&2; exit 1; }
  signatures=$((signatures + 1))
done < <(find "$out/staging-repo" -name '*.asc')
echo "release-check: release build staged in $out/staging-repo; $signatures signatures verified"
for m in clv-core clv-models; do
  for kind in "" -sources -javadoc; do
    ls "$out/staging-repo/org/clvkit/$m"/*/"$m"-*"$kind".jar.asc >/dev/null 2>&1 \
      || { echo "release-check: no signed $m$kind jar staged" >&2; exit 1; }
  done
done

# The javadoc shows the API alone: no package named internal.
for m in clv-core clv-models; do
  if jar tf "$m/target/$m-"*-javadoc.jar | grep -q '/internal/'; then
    echo "release-check: $m's javadoc jar documents an internal package" >&2
    exit 1
  fi
done

# 3. Second build from clean in a copy of the sources (tracked and new files, no target/).
copy=$out/rebuild
mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$copy"
(cd "$copy" && "${release_build[@]}" -Dgpg.skip verify >"$out/build-2.log" 2>&1) \
  || { tail -50 "$out/build-2.log"; echo "release-check: second build failed (log above)" >&2; exit 1; }
# Compared: every jar of the published modules (main, sources, javadoc, tests) and the BOM's
# flattened pom; the other poms are the sources' own pom.xml files.
artifacts=(clv-core/target/*.jar clv-models/target/*.jar clv-bom/target/flattened-pom.xml)
[ "${#artifacts[@]}" -eq 8 ] || { echo "release-check: expected 8 artifacts, found ${artifacts[*]}" >&2; exit 1; }
for f in "${artifacts[@]}"; do
  cmp -s "$f" "$copy/$f" \
    || { echo "release-check: not reproducible: $f differs between two clean builds" >&2; exit 1; }
done
echo "release-check: reproducible: ${#artifacts[@]} artifacts identical in two clean builds"
sha256sum "${artifacts[@]}" | sed 's/^/  /'

# 4. The consumer check.
.ci/consumer-check.sh "$out/staging-repo"
