# Times BTYDplus's Pareto/NBD (HB) and Pareto/GGG MCMC samplers on CDNOW, for comparison with
# clvkit's ParetoNbdHbBenchmark and ParetoGggBenchmark (clv-bench). Our own code; it only calls
# BTYDplus (GPL-3), which is NOT a dependency of clvkit and is not part of the build or CI.
# Needs R with BTYDplus (and its imports BTYD, coda, bayesm, data.table, mvtnorm, Rcpp) on the
# library path. Run it through btydplus-mcmc-cdnow.sh, which says how to install them.
#
# Usage: Rscript btydplus-mcmc-cdnow.R [models] [mc.cores] [thin]
#   models   comma list of pnbd, pggg (default "pnbd,pggg")
#   mc.cores forked processes running the 4 chains (default 2)
#   thin     BTYDplus keeps every thin-th step of BOTH the customers' and the population draws
#            (default 10; clvkit thins only the customers' draws and keeps every population draw)

args <- commandArgs(trailingOnly = TRUE)
models <- if (length(args) >= 1) strsplit(args[1], ",")[[1]] else c("pnbd", "pggg")
cores <- if (length(args) >= 2) as.integer(args[2]) else 2L
thin <- if (length(args) >= 3) as.integer(args[3]) else 10L

# clvkit's McmcSettings.DEFAULT: 4 chains, 500 burn-in, 2,000 kept iterations, customers thinned by 10.
chains <- 4L
burnin <- 500L
mcmc <- 2000L
# Smoke test only (never for the comparison): BTYDPLUS_SMOKE=1 runs 20 burn-in + 40 steps.
if (nzchar(Sys.getenv("BTYDPLUS_SMOKE"))) {
  burnin <- 20L
  mcmc <- 40L
}

suppressPackageStartupMessages({
  library(BTYDplus)
  library(coda)
  library(parallel)
})

cat("R:", R.version.string, "\n")
cat("BTYDplus:", as.character(packageVersion("BTYDplus")),
    " BTYD:", as.character(packageVersion("BTYD")),
    " coda:", as.character(packageVersion("coda")),
    " Rcpp:", as.character(packageVersion("Rcpp")), "\n")
cat("detectCores():", detectCores(), "\n")
cat(sprintf("settings: chains = %d, burnin = %d, mcmc = %d, thin = %d, mc.cores = %d\n",
            chains, burnin, mcmc, thin, cores))

load_avg <- function() {
  if (file.exists("/proc/loadavg")) readLines("/proc/loadavg") else "n/a"
}

# CDNOW calibration data as BTYDplus's vignette (BTYDplus-HowTo.Rmd) builds it: BTYD's
# cdnowElog.csv, weeks, 39-week calibration to 1997-09-30 (holdout to 1998-06-30).
cdnowElog <- read.csv(system.file("data/cdnowElog.csv", package = "BTYD"),
                      stringsAsFactors = FALSE,
                      col.names = c("cust", "sampleid", "date", "cds", "sales"))
cdnowElog$date <- as.Date(as.character(cdnowElog$date), format = "%Y%m%d")
cbs <- elog2cbs(cdnowElog, T.cal = "1997-09-30", T.tot = "1998-06-30")
cat(sprintf("CDNOW: %d customers, %d repeat transactions in calibration, T.cal %s, mean T.cal %.3f weeks\n",
            nrow(cbs), sum(cbs$x), "1997-09-30", mean(cbs$T.cal)))

# Parallel-safe, reproducible random streams for the forked chains.
RNGkind("L'Ecuyer-CMRG")

report <- function(name, draws, tm) {
  cat(sprintf("\n== %s ==\n", name))
  cat(sprintf("time: elapsed %.2f s, CPU %.2f s (user.self %.2f + sys.self %.2f + user.child %.2f + sys.child %.2f)\n",
              tm[["elapsed"]], sum(tm[c(1, 2, 4, 5)], na.rm = TRUE),
              tm[[1]], tm[[2]], tm[[4]], tm[[5]]))
  l2 <- draws$level_2
  cat(sprintf("population draws kept: %d chains x %d\n", nchain(l2), niter(l2)))
  means <- colMeans(as.matrix(l2))
  sds <- apply(as.matrix(l2), 2, sd)
  gd <- gelman.diag(l2, multivariate = FALSE, autoburnin = FALSE)$psrf
  ess <- effectiveSize(l2)
  tab <- data.frame(mean = signif(means, 5), sd = signif(sds, 4),
                    rhat = round(gd[, 1], 4), rhat_upper = round(gd[, 2], 4),
                    ess = round(ess, 1))
  print(tab)
  cat(sprintf("customers' draws kept: %d chains x %d per customer\n",
              nchain(draws$level_1[[1]]), niter(draws$level_1[[1]])))
}

for (m in models) {
  fn <- switch(m, pnbd = pnbd.mcmc.DrawParameters, pggg = pggg.mcmc.DrawParameters,
               stop("unknown model: ", m))
  set.seed(42)
  cat(sprintf("\nload average before %s: %s\n", m, load_avg()))
  gc()
  tm <- system.time(
    draws <- fn(cbs, mcmc = mcmc, burnin = burnin, thin = thin, chains = chains,
                mc.cores = cores, trace = 10^9)
  )
  cat(sprintf("load average after %s: %s\n", m, load_avg()))
  report(sprintf("%s.mcmc.DrawParameters", m), draws, tm)
  rm(draws)
  invisible(gc())
}
