"""Independent reference values for the sBG with covariates (clvkit, clv-models).

Log links on the Beta's parameters: alpha_i = alpha0 * exp(gamma_alpha' z_i), beta_i = beta0 * exp(gamma_beta' z_i).
For each customer, with mpmath at 50 digits:
  S(t) = B(alpha_i, beta_i + t) / B(alpha_i, beta_i)                      (Fader & Hardie 2007, eq. 3)
  DERL(d, n) = sum_{t >= n} S(t)/S(n-1) (1+d)^-(t-n)                     (Fader & Hardie 2010, eq. 6's
               definition, summed directly with mpmath.nsum, not through the 2F1 closed form)
Run:  python3 sbg_covariates_reference.py  (writes sbg_covariates.csv under ../resources/reference/).
"""
import os
from mpmath import mp, mpf, beta, exp, nsum, inf, nstr

mp.dps = 50
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference")

ALPHA0, BETA0 = "0.704", "1.182"     # Fader & Hardie (2007) "regular" segment estimates
NAMES = ["plan_annual", "age_scaled"]
GA = {"plan_annual": "-0.6", "age_scaled": "0.2"}
GB = {"plan_annual": "0.5"}
D = "0.1"
CASES = [("zero_row", ("0", "0"), 3, 1), ("annual", ("1", "0"), 3, 1), ("annual_old", ("1", "1.5"), 5, 4),
         ("monthly_young", ("0", "-0.8"), 1, 7)]


def table():
    rows = ["# source: independent computation with mpmath (50 digits), src/test/python/sbg_covariates_reference.py "
            "(log links alpha_i = alpha0 exp(gamma_alpha'z), beta_i = beta0 exp(gamma_beta'z); S(t) of Fader & Hardie "
            "2007 eq. 3; DERL of Fader & Hardie 2010 eq. 6 summed directly)",
            "# parameters: alpha0 = %s, beta0 = %s; alpha coefficients %s; beta coefficients %s; d = %s"
            % (ALPHA0, BETA0, " ".join("%s=%s" % kv for kv in GA.items()),
               " ".join("%s=%s" % kv for kv in GB.items()), D),
            "# tolerance: relative 1e-12 for alpha_i, beta_i, survival; relative 1e-10 for derl",
            "name," + ",".join(NAMES) + ",t,n,alpha_i,beta_i,survival,derl"]
    for name, z, t, n in CASES:
        zz = dict(zip(NAMES, [mpf(v) for v in z]))
        a = mpf(ALPHA0) * exp(sum(mpf(g) * zz[k] for k, g in GA.items()))
        b = mpf(BETA0) * exp(sum(mpf(g) * zz[k] for k, g in GB.items()))
        S = lambda u: beta(a, b + u) / beta(a, b)
        d = mpf(D)
        derl = nsum(lambda u: S(u) / S(n - 1) * (1 + d) ** (-(u - n)), [n, inf])
        rows.append(",".join([name] + list(z) + [str(t), str(n)] + [nstr(v, 20) for v in (a, b, S(t), derl)]))
    return rows


if __name__ == "__main__":
    with open(os.path.join(OUT, "sbg_covariates.csv"), "w") as f:
        f.write("\n".join(table()) + "\n")
