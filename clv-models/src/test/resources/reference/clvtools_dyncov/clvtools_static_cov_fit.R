# Fits CLVTools' Pareto/NBD and BG/NBD with static covariates on its apparel data exactly as its
# vignette (vignettes/CLVTools.Rmd) does: weekly time unit, estimation split 104 weeks, Gender and
# Channel (apparelStaticCov) in both the lifetime (drop-out) and the transaction (purchase) process,
# default optimiser settings. Run with CLVTools installed from its sources, in an empty folder:
#   Rscript clvtools_static_cov_fit.R
# Writes apparel_static_cov_fit.csv: model, parameter (CLVTools' name), estimate, standard error,
# and one row per model with the log-likelihood at the optimum.
suppressPackageStartupMessages({
  library(CLVTools)
  library(data.table)
})
data("apparelTrans", package = "CLVTools")
data("apparelStaticCov", package = "CLVTools")
clv.apparel <- clvdata(apparelTrans, date.format = "ymd", time.unit = "w", estimation.split = 104)
clv.static <- SetStaticCovariates(clv.apparel,
                                  data.cov.life = apparelStaticCov, names.cov.life = c("Gender", "Channel"),
                                  data.cov.trans = apparelStaticCov, names.cov.trans = c("Gender", "Channel"))
out <- list()
for (model in c("pnbd", "bgnbd")) {
  fit <- if (model == "pnbd") pnbd(clv.static, verbose = FALSE) else bgnbd(clv.static, verbose = FALSE)
  print(summary(fit))
  cat("optimx method(s) and convergence codes:\n")
  print(fit@optimx.estimation.output[, c("value", "fevals", "gevals", "niter", "convcode", "kkt1", "kkt2")])
  est <- coef(fit)
  se <- sqrt(diag(vcov(fit)))
  out[[model]] <- rbind(
    data.table(model = model, parameter = names(est), estimate = unname(est), se = unname(se[names(est)])),
    data.table(model = model, parameter = "logLik", estimate = as.numeric(logLik(fit)), se = NA_real_))
}
res <- rbindlist(out)
fwrite(res, "apparel_static_cov_fit.csv")  # shortest round-trip decimals
print(res, digits = 12)
