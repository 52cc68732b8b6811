#!/usr/bin/env bash
# Times BTYDplus's C++-backed MCMC samplers (Pareto/NBD HB and Pareto/GGG) on CDNOW with the
# settings of clvkit's ParetoNbdHbBenchmark / ParetoGggBenchmark (4 chains, 500 burn-in, 2,000 kept
# iterations, thin 10), printing wall and CPU time, posterior means, R-hat (coda::gelman.diag) and
# effective sample sizes of the population parameters.
#
# NOT part of the build or CI. It needs R (>= 3.5) and the R package BTYDplus (GPL-3), which clvkit
# neither depends on nor ships; we only run it to measure. On Debian 12 (CRAN unreachable here):
#
#   apt-get install -y r-base-core r-base-dev r-cran-rcpp r-cran-data.table r-cran-mvtnorm \
#       r-cran-coda r-cran-bayesm r-cran-hypergeo r-cran-optimx r-cran-dplyr r-cran-matrix
#   # BTYD (not packaged in Debian) from the CRAN mirror on GitHub (github.com/cran/BTYD, 2.4.3),
#   # BTYDplus from github.com/mplatzer/BTYDplus, both unpacked to /tmp:
#   mkdir -p /tmp/btydplus-lib
#   R CMD INSTALL --no-build-vignettes -l /tmp/btydplus-lib /tmp/btyd-src
#   R CMD INSTALL -l /tmp/btydplus-lib /tmp/btydplus
#
# Usage: clv-bench/scripts/btydplus-mcmc-cdnow.sh [models] [mc.cores] [thin]
#   e.g. R_LIBS=/tmp/btydplus-lib BTYDPLUS_GIT=/path/to/BTYDplus/.git \
#        clv-bench/scripts/btydplus-mcmc-cdnow.sh pnbd,pggg 2 10 | tee btydplus.log
# R_LIBS: where BTYDplus is installed (default /tmp/btydplus-lib). BTYDPLUS_GIT (optional): the
# git directory BTYDplus was built from, to print its commit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export R_LIBS="${R_LIBS:-/tmp/btydplus-lib}"

if ! command -v Rscript >/dev/null 2>&1; then
  echo "Rscript not found: this script needs R and BTYDplus (see its header)" >&2
  exit 2
fi
if ! Rscript -e 'quit(status = !requireNamespace("BTYDplus", quietly = TRUE))' >/dev/null 2>&1; then
  echo "BTYDplus not found in R_LIBS=$R_LIBS: install it first (see this script's header)" >&2
  exit 2
fi

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "host: $(uname -srm), nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(cat /proc/loadavg)"
if [ -n "${BTYDPLUS_GIT:-}" ]; then
  echo "BTYDplus commit: $(git --git-dir="$BTYDPLUS_GIT" log -1 --format='%H (%cd)')"
fi
timer=()
if [ -x /usr/bin/time ]; then
  timer=(/usr/bin/time -v)
fi
"${timer[@]}" Rscript "$here/btydplus-mcmc-cdnow.R" "$@" 2>&1
echo "load average at end: $(cat /proc/loadavg)"
