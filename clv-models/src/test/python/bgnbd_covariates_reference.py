"""Independent reference values for the BG/NBD with static covariates (clvkit, clv-models).

CLVTools' parameterisation (bgnbd with static covariates): r shared,
    alpha_i = alpha0 * exp(-gamma_purchase' z_i),
    a_i = a0 * exp(gamma_dropout' z_i),   b_i = b0 * exp(gamma_dropout' z_i),
z the raw covariate row. Each customer's log-likelihood (FHL 2005 section 7), P(alive) (Fader, Hardie &
Lee 2008, note 021) and E[Y(t) | x, t_x, T] (FHL 2005 eq. 10) are the BG/NBD's with (r, alpha_i, a_i,
b_i), computed here with mpmath at 50 digits from the closed forms (the formulas of bgnbd_reference.py),
the scales computed in mpmath from the coefficients.

Run:  python3 bgnbd_covariates_reference.py  (writes bgnbd_covariates.csv under ../resources/reference/).
"""
import os
from mpmath import mp, mpf, hyp2f1, beta, loggamma, log, exp, nstr

mp.dps = 50
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference")

R, ALPHA0, A0, B0 = "0.2426", "4.4136", "0.7929", "2.4259"   # CDNOW BG/NBD estimates
NAMES = ["female", "channel_web", "spend"]
PURCHASE = {"female": "0.3", "spend": "-0.5"}
DROPOUT = {"female": "0.8", "channel_web": "-0.4"}
HORIZON = "39"
CASES = [
    ("zero_row", 2, "30.43", "38.86", ("0", "0", "0")),
    ("female_web", 2, "30.43", "38.86", ("1", "1", "0")),
    ("male_spend", 0, "0", "38.86", ("0", "0", "2.5")),
    ("female_spend_x10", 10, "35", "38.86", ("1", "0", "1.2")),
    ("web_early", 1, "1.71", "38.86", ("0", "1", "-0.7")),
    ("tx_eq_T", 3, "38.86", "38.86", ("1", "1", "0.3")),
]


def loglik(r, al, a, b, x, tx, T):
    head = loggamma(r + x) - loggamma(r) + r * log(al) + log(beta(a, b + x)) - log(beta(a, b))
    alive = (al + T) ** (-(r + x))
    gone = a / (b + x - 1) * (al + tx) ** (-(r + x)) if x > 0 else 0
    return head + log(alive + gone)


def palive(r, al, a, b, x, tx, T):
    if x == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))


def conditional(r, al, a, b, t, x, tx, T):
    z = t / (al + T + t)
    c = a + b + x - 1
    g = c / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x, c, z))
    return palive(r, al, a, b, x, tx, T) * g


def table():
    rows = ["# source: independent computation with mpmath (50 digits) of the closed forms, "
            "src/test/python/bgnbd_covariates_reference.py (CLVTools' static-covariate parameterisation "
            "alpha_i = alpha0 exp(-gamma_purchase'z), a_i = a0 exp(gamma_dropout'z), b_i = b0 exp(gamma_dropout'z); "
            "FHL 2005 section 7 and eq. 10; FHL 2008 note 021)",
            "# parameters: r = %s, alpha0 = %s, a0 = %s, b0 = %s; purchase coefficients %s; dropout "
            "coefficients %s" % (R, ALPHA0, A0, B0, " ".join("%s=%s" % kv for kv in PURCHASE.items()),
                                 " ".join("%s=%s" % kv for kv in DROPOUT.items())),
            "# tolerance: relative 1e-12 for alpha_i, a_i, b_i, logLikelihood and probabilityAlive; relative 1e-10 "
            "for conditionalExpectedPurchases (the 2F1)",
            "# columns: t = %s for conditionalExpectedPurchases" % HORIZON,
            "name,x,t_x,T," + ",".join(NAMES)
            + ",alpha_i,a_i,b_i,logLikelihood,probabilityAlive,conditionalExpectedPurchases"]
    for name, x, tx, T, z in CASES:
        zz = dict(zip(NAMES, [mpf(v) for v in z]))
        ep = sum(mpf(g) * zz[n] for n, g in PURCHASE.items())
        ed = sum(mpf(g) * zz[n] for n, g in DROPOUT.items())
        r, al = mpf(R), mpf(ALPHA0) * exp(-ep)
        a, b = mpf(A0) * exp(ed), mpf(B0) * exp(ed)
        x, tx, T = mpf(x), mpf(tx), mpf(T)
        vals = (al, a, b, loglik(r, al, a, b, x, tx, T), palive(r, al, a, b, x, tx, T),
                conditional(r, al, a, b, mpf(HORIZON), x, tx, T))
        rows.append(",".join([name, nstr(x, 17), nstr(tx, 17), nstr(T, 17)] + list(z)
                             + [nstr(v, 20) for v in vals]))
    return rows


if __name__ == "__main__":
    with open(os.path.join(OUT, "bgnbd_covariates.csv"), "w") as f:
        f.write("\n".join(table()) + "\n")
