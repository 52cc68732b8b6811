"""Independent reference values for the Pareto/NBD with static covariates (clvkit, clv-models).

CLVTools' parameterisation (pnbd with static covariates): r and s shared,
    alpha_i = alpha0 * exp(-gamma_purchase' z_i),   beta_i = beta0 * exp(-gamma_dropout' z_i),
z the raw covariate row. Each customer's log-likelihood, P(alive), E[Y(t) | x, t_x, T] and DERT are
then the Pareto/NBD's with (r, alpha_i, s, beta_i), computed here with mpmath at 50 digits by numerical
integration of the defining integrals (the functions of paretonbd_reference.py, Hardie's note 009,
eq. 11-12 and 36-41; the DERT integral of Fader, Hardie & Lee 2005), not through the Java code's
hypergeometric closed forms. The scales alpha_i and beta_i are computed in mpmath from the coefficients.

Run:  python3 paretonbd_covariates_reference.py  (writes paretonbd_covariates.csv under
../resources/reference/).
"""
import os
import mpmath as mp

from paretonbd_reference import OUT, parts, cond_expected, dert

mp.mp.dps = 50

R, ALPHA0, S, BETA0 = 0.5533, 10.5776, 0.6061, 11.665
NAMES = ["female", "channel_web", "spend"]
PURCHASE = {"female": 0.3, "spend": -0.5}          # gamma_purchase
DROPOUT = {"female": 0.8, "channel_web": -0.4}     # gamma_dropout
HORIZON = 39.0
DISCOUNT = 0.15 / 52
CASES = [
    # name, x, t_x, T, (female, channel_web, spend)
    ("zero_row", 2, 30.43, 38.86, (0.0, 0.0, 0.0)),
    ("female_web", 2, 30.43, 38.86, (1.0, 1.0, 0.0)),
    ("male_spend", 0, 0.0, 38.86, (0.0, 0.0, 2.5)),
    ("female_spend_x10", 10, 35.0, 38.86, (1.0, 0.0, 1.2)),
    ("web_early", 1, 1.71, 38.86, (0.0, 1.0, -0.7)),
    ("tx_eq_T", 3, 38.86, 38.86, (1.0, 1.0, 0.3)),
    ("alpha_eq_beta_shift", 4, 12.0, 30.0, (1.0, 0.0, 0.5)),
]


def scales(z):
    zz = dict(zip(NAMES, [mp.mpf(v) for v in z]))
    ep = sum(mp.mpf(g) * zz[n] for n, g in PURCHASE.items())
    ed = sum(mp.mpf(g) * zz[n] for n, g in DROPOUT.items())
    return mp.mpf(ALPHA0) * mp.exp(-ep), mp.mpf(BETA0) * mp.exp(-ed)


def table():
    rows = ["# source: independent computation with mpmath (50 digits) by numerical integration, "
            "src/test/python/paretonbd_covariates_reference.py (CLVTools' static-covariate "
            "parameterisation alpha_i = alpha0 exp(-gamma_purchase'z), beta_i = beta0 exp(-gamma_dropout'z); "
            "Hardie's note 009, eq. 11-12 and 36-41; DERT of Fader, Hardie & Lee 2005)",
            "# parameters: r = %r, alpha0 = %r, s = %r, beta0 = %r; purchase coefficients %s; dropout "
            "coefficients %s" % (R, ALPHA0, S, BETA0,
                                 " ".join("%s=%r" % kv for kv in PURCHASE.items()),
                                 " ".join("%s=%r" % kv for kv in DROPOUT.items())),
            "# tolerance: relative 1e-12 for alpha_i, beta_i, logLikelihood, probabilityAlive and "
            "conditionalExpectedPurchases; relative 1e-10 for dert (the confluent U function)",
            "# columns: t = %r for conditionalExpectedPurchases, delta = %r for dert" % (HORIZON, DISCOUNT),
            "name,x,t_x,T," + ",".join(NAMES)
            + ",alpha_i,beta_i,logLikelihood,probabilityAlive,conditionalExpectedPurchases,dert"]
    for name, x, tx, T, z in CASES:
        a, b = scales(z)
        p = (R, a, S, b)
        ll, palive = parts(p, x, tx, T)[7:9]
        ce = cond_expected(p, HORIZON, x, tx, T)
        dt = dert(p, DISCOUNT, x, tx, T)
        rows.append(",".join([name, repr(float(x)), repr(float(tx)), repr(float(T))]
                             + [repr(float(v)) for v in z]
                             + [mp.nstr(v, 20) for v in (a, b, ll, palive, ce, dt)]))
    return rows


if __name__ == "__main__":
    with open(os.path.join(OUT, "paretonbd_covariates.csv"), "w") as f:
        f.write("\n".join(table()) + "\n")
