# Extracts CLVTools' per-customer log-likelihood of the Pareto/NBD with dynamic covariates on its
# apparel data (the set-up of CLVTools' tests/testthat/test_correctness_pnbd_dyncov.R: weekly time
# unit, estimation split 104 weeks, covariates High.Season, Gender and Channel in both processes)
# at two parameter vectors of those tests, and the data it is computed on. Run with CLVTools
# installed from its sources (R CMD INSTALL), in an empty folder:
#   Rscript clvtools_dyncov_reference.R
# Writes apparel_transactions.csv (the estimation period's transactions as CLVTools uses them, same
# day aggregated), apparel_customers.csv, apparel_weeks.csv (to 2007-12-30),
# apparel_dyncov_ll.csv and apparel_dyncov_predictions.csv.
suppressPackageStartupMessages({
  library(CLVTools)
  library(data.table)
})
data("apparelTrans", package = "CLVTools")
data("apparelDynCov", package = "CLVTools")
names.cov <- c("High.Season", "Gender", "Channel")
clv <- clvdata(apparelTrans, date.format = "ymd", time.unit = "w", estimation.split = 104)
clv.dyn <- SetDynamicCovariates(clv, data.cov.life = apparelDynCov, data.cov.trans = apparelDynCov,
                                names.cov.life = names.cov, names.cov.trans = names.cov,
                                name.date = "Cov.Date")
# A quick fit only to get a fitted object carrying the walks; its estimates are not used.
fitted <- suppressWarnings(pnbd(clv.dyn, verbose = FALSE,
  optimx.args = list(method = "Nelder-Mead", itnmax = 10, hessian = FALSE,
                     control = list(reltol = 1000, kkt = FALSE))))
param.sets <- list(
  # CLVTools' test "Dyncov LL same if there is holdout and no holdout"
  holdout = c(log.r = -1, log.alpha = 0, log.s = 1.23, log.beta = 2.344,
              life.High.Season = 0.123, life.Gender = 0.234, life.Channel = 0.345,
              trans.High.Season = 0.456, trans.Gender = 0.567, trans.Channel = 0.678),
  # CLVTools' test "Dyncov LL yields correct intermediate results" (model part), static-cov coefficients
  intermediate = c(log.r = log(0.5), log.alpha = log(15), log.s = log(0.5), log.beta = log(10),
                   life.High.Season = 0.123, life.Gender = 0.678, life.Channel = 1.234,
                   trans.High.Season = 0.111, trans.Gender = 2.222, trans.Channel = 1.756))
out <- data.table(Id = fitted@cbs$Id, x = fitted@cbs$x, t.x = fitted@cbs$t.x, T.cal = fitted@cbs$T.cal)
for (nm in names(param.sets)) {
  ll <- CLVTools:::pnbd_dyncov_getLLdata(fitted, params = param.sets[[nm]])
  out[ll, (paste0("LL_", nm)) := i.LL, on = "Id"]
}
# P(alive) and the expected purchases in the 52 weeks after the calibration end (to 2007-12-30)
# at the first vector, from CLVTools' pnbd_dyncov_palive and pnbd_dyncov_CET with the fitted
# object's prediction parameters and LL data set to that vector.
fitted@prediction.params.model <- c(r = exp(-1), alpha = 1, s = exp(1.23), beta = exp(2.344))
fitted@prediction.params.life <- c(High.Season = 0.123, Gender = 0.234, Channel = 0.345)
fitted@prediction.params.trans <- c(High.Season = 0.456, Gender = 0.567, Channel = 0.678)
ll.data <- CLVTools:::pnbd_dyncov_getLLdata(fitted, params = param.sets$holdout)
setnames(ll.data, "Z", "F2")
fitted@LL.data <- ll.data
prediction.end <- as.Date("2007-12-30")
cet <- CLVTools:::pnbd_dyncov_CET(fitted, predict.number.of.periods = 52,
                                  prediction.end.date = prediction.end)
est.end <- clv.dyn@clv.time@timepoint.estimation.end
trans <- CLVTools:::clv.data.get.transactions.in.estimation.period(clv.dyn)[, c("Id", "Date")]
first <- trans[, .(first = min(Date)), by = "Id"]
cov <- as.data.table(apparelDynCov)[Cov.Date <= prediction.end]
# Gender and Channel are constant per customer and High.Season the same for all customers on a
# date: the covariates are stored as one row per customer and one per week (checked here).
stopifnot(cov[, .(n = uniqueN(paste(Gender, Channel))), by = "Id"][, all(n == 1)])
stopifnot(cov[, .(n = uniqueN(High.Season)), by = "Cov.Date"][, all(n == 1)])
customers <- unique(cov[, .(Id, Gender, Channel)])
weeks <- unique(cov[, .(Cov.Date, High.Season)])
setkey(weeks, Cov.Date)
fmt <- function(v) trimws(formatC(v, digits = 17, format = "g"))
fwrite(trans[, .(Id, Date = format(Date, "%Y-%m-%d"))], "apparel_transactions.csv")
fwrite(customers, "apparel_customers.csv")
fwrite(weeks[, .(Cov.Date = format(Cov.Date, "%Y-%m-%d"), High.Season)], "apparel_weeks.csv")
out2 <- out[, .(Id, x, t.x = fmt(t.x), T.cal = fmt(T.cal),
                LL_holdout = fmt(LL_holdout), LL_intermediate = fmt(LL_intermediate))]
fwrite(out2, "apparel_dyncov_ll.csv", quote = FALSE)
fwrite(cet[, .(Id, palive = fmt(palive), CET52 = fmt(CET))], "apparel_dyncov_predictions.csv",
       quote = FALSE)
cat("estimation end:", format(est.end), "\n")
cat("customers:", nrow(out), " transactions:", nrow(trans), " weeks:", nrow(weeks), "\n")
cat("raw transactions in estimation period:", nrow(apparelTrans[Date <= est.end]), "\n")
print(packageVersion("CLVTools"))
