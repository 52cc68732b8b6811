"""Independent reference values for the Pareto/NBD tests (clvkit, clv-models).

Computed with mpmath at 50 significant digits by numerical integration of the model's defining
integrals, not through the hypergeometric closed forms the Java code uses:

* log-likelihood:  L = G(r+x)/G(r) a^r b^s [ (a+T)^-(r+x) (b+T)^-s + s J ],
                   J = int_{t_x}^{T} (a+u)^-(r+x) (b+u)^-(s+1) du   (Hardie's note 009, eq. 11-12)
  cross-checked against the 2F1 form of note 009, eq. 18-20 with mpmath.hyp2f1;
* P(alive) = (a+T)^-(r+x) (b+T)^-s / [ (a+T)^-(r+x) (b+T)^-s + s J ];
* E[Y(t) | x, t_x, T] = P(alive) (r+x)/(a+T) int_0^t ((b+T)/(b+T+u))^s du;
* DERT(d | x, t_x, T) = P(alive) (r+x)/(a+T) int_0^inf e^{-d u} ((b+T)/(b+T+u))^s du
  (the expected purchase rate of a customer alive at T, times the discounted survival);
* P(X(t) = n) = NBD(n; r, a, t) (b/(b+t))^s + int_0^t s b^s (b+u)^-(s+1) NBD(n; r, a, u) du;
* E[X(t)] = r/a int_0^t (b/(b+u))^s du.

Run:  python3 paretonbd_reference.py  (writes paretonbd_single_customer.csv, paretonbd_pmf.csv and
paretonbd_dert.csv under ../resources/reference/). Also refits the CDNOW data in double precision with
scipy to reproduce the estimates, log-likelihood and standard errors of paretonbd_cdnow.csv.
"""
import os
import mpmath as mp

mp.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "reference")


def pieces(lo, hi, scale):
    """Break points for a peaked integrand decaying from lo on the given scale."""
    pts = [lo]
    step = scale
    while lo + step < hi:
        pts.append(lo + step)
        step *= 4
    pts.append(hi)
    return pts


def J(r, al, s, be, x, tx, T):
    if tx == T:
        return mp.mpf(0)
    # normalised by the integrand at t_x: mpmath's quad stops on an absolute error estimate
    f = lambda u: ((al + tx) / (al + u)) ** (r + x) * ((be + tx) / (be + u)) ** (s + 1)
    rate = (r + x) / (al + tx) + (s + 1) / (be + tx)
    scale = (al + tx) ** (-(r + x)) * (be + tx) ** (-(s + 1))
    return scale * mp.quad(f, pieces(tx, T, 1 / rate))


def J_hyp(r, al, s, be, x, tx, T):
    a = r + s + x
    if al >= be:
        m, b = al, s + 1
    else:
        m, b = be, r + x
    g = abs(al - be)
    F = lambda t: mp.hyp2f1(a, b, a + 1, g / (m + t)) / (m + t) ** a
    return (F(tx) - F(T)) / a


def parts(p, x, tx, T):
    r, al, s, be = [mp.mpf(v) for v in p]
    x, tx, T = mp.mpf(x), mp.mpf(tx), mp.mpf(T)
    alive = (al + T) ** (-(r + x)) * (be + T) ** (-s)
    j = J(r, al, s, be, x, tx, T)
    jh = J_hyp(r, al, s, be, x, tx, T)
    if j != 0:
        assert abs(j / jh - 1) < mp.mpf(10) ** -30, (p, x, tx, T, j, jh)
    pre = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(al) + s * mp.log(be)
    ll = pre + mp.log(alive + s * j)
    palive = alive / (alive + s * j)
    return r, al, s, be, x, tx, T, ll, palive


def cond_expected(p, t, x, tx, T):
    r, al, s, be, x, tx, T, ll, palive = parts(p, x, tx, T)
    bt = be + T
    integral = mp.quad(lambda u: (bt / (bt + u)) ** s, [0, t])
    return palive * (r + x) / (al + T) * integral


def dert(p, d, x, tx, T):
    r, al, s, be, x, tx, T, ll, palive = parts(p, x, tx, T)
    bt = be + T
    d = mp.mpf(d)
    integral = mp.quad(lambda u: mp.exp(-d * u) * (bt / (bt + u)) ** s, [0, 1 / d, 10 / d, mp.inf])
    return palive * (r + x) / (al + T) * integral


def nbd(n, r, al, t):
    return mp.exp(mp.loggamma(r + n) - mp.loggamma(r) - mp.loggamma(n + 1)
                  + r * mp.log(al / (al + t)) + n * mp.log(t / (al + t)))


def pmf(p, n, t):
    r, al, s, be = [mp.mpf(v) for v in p]
    t = mp.mpf(t)
    alive = nbd(n, r, al, t) * (be / (be + t)) ** s
    f = lambda u: s * be ** s * (be + u) ** (-(s + 1)) * nbd(n, r, al, u) if u > 0 else (
        s * be ** s * be ** (-(s + 1)) if n == 0 else mp.mpf(0))
    # the NBD in u peaks near u = alpha n / r; split there
    peak = al * n / r
    pts = sorted(set([mp.mpf(0), t] + [v for v in (peak / 4, peak, peak * 4) if 0 < v < t]))
    return alive + mp.quad(f, pts)


def expected(p, t):
    r, al, s, be = [mp.mpf(v) for v in p]
    return r / al * mp.quad(lambda u: (be / (be + u)) ** s, [0, t])


CDNOW = (0.5533, 10.5776, 0.6061, 11.6650)
CASES = [
    # name, parameters, x, t_x, T
    ("cdnow_x2", CDNOW, 2, 30.43, 38.86),
    ("cdnow_x0", CDNOW, 0, 0, 38.86),
    ("cdnow_x1_early", CDNOW, 1, 1.71, 38.86),
    ("cdnow_x10", CDNOW, 10, 35.0, 38.86),
    ("cdnow_tx_eq_T", CDNOW, 3, 38.86, 38.86),
    ("alpha_eq_beta", (0.8, 5.0, 1.3, 5.0), 4, 12.0, 30.0),
    ("alpha_near_beta", (0.8, 5.0, 1.3, 5.0 * (1 + 1e-9)), 4, 12.0, 30.0),
    ("alpha_near_beta_below", (0.8, 5.0 * (1 + 1e-9), 1.3, 5.0), 4, 12.0, 30.0),
    ("beta_larger", (0.4, 3.0, 2.5, 40.0), 7, 20.0, 52.0),
    ("alpha_much_larger", (2.0, 200.0, 0.7, 0.5), 1, 0.3, 10.0),
    ("beta_much_larger", (0.3, 0.2, 1.5, 300.0), 3, 0.5, 8.0),
    ("s_equals_one", (0.6, 8.0, 1.0, 9.0), 5, 20.0, 40.0),
    ("small_s", (0.6, 8.0, 0.01, 9.0), 5, 20.0, 40.0),
    ("large_s", (0.6, 8.0, 50.0, 400.0), 5, 20.0, 40.0),
    ("small_r", (0.001, 8.0, 0.5, 12.0), 1, 3.0, 40.0),
    ("large_x", CDNOW, 1000, 38.0, 38.86),
    ("large_x_early", CDNOW, 1000, 20.0, 38.86),
    ("very_large_x", (0.25, 4.0, 0.8, 2.5), 10000, 9000.0, 10000.0),
    ("very_large_x_alpha_eq_beta", (0.25, 4.0, 0.8, 4.0), 10000, 9000.0, 10000.0),
    ("large_params", (1000.0, 1000.0, 1000.0, 0.001), 30, 5.0, 100.0),
    ("tiny_params", (0.001, 0.001, 0.001, 1000.0), 2, 50.0, 1000.0),
]
HORIZON = 39.0
DISCOUNT = 0.15 / 52  # continuous discount rate per week (FHL 2005 use a 15 % annual rate)


def single_customer():
    rows = ["# source: independent computation with mpmath (50 digits) by numerical integration of the defining "
            "integrals, src/test/python/paretonbd_reference.py (Hardie's note 009, eq. 11-12 and 36-41; the DERT "
            "integral of Fader, Hardie & Lee 2005, JMR 42(4), appendix)",
            "# tolerance: relative 1e-12 for logLikelihood, probabilityAlive and conditionalExpectedPurchases, "
            "relative 1e-10 for dert (the confluent U function); relative 1e-10 for every column when x >= 1000 "
            "(the log-odds of death is a difference of terms of size x ln(alpha+T)); values below 1e-300 "
            "underflow to 0 in double precision",
            "# columns: t = " + repr(HORIZON) + " for conditionalExpectedPurchases, delta = " + repr(DISCOUNT)
            + " for dert",
            "name,r,alpha,s,beta,x,t_x,T,logLikelihood,probabilityAlive,conditionalExpectedPurchases,dert"]
    for name, p, x, tx, T in CASES:
        _, _, _, _, _, _, _, ll, pa = parts(p, x, tx, T)
        ce = cond_expected(p, HORIZON, x, tx, T)
        de = dert(p, DISCOUNT, x, tx, T)
        rows.append(",".join([name] + [repr(float(v)) for v in p] + [repr(float(v)) for v in (x, tx, T)]
                             + [mp.nstr(v, 20) for v in (ll, pa, ce, de)]))
    return rows


PMF_CASES = [
    ("cdnow", CDNOW, [0, 1, 2, 5, 10], [1.0, 39.0, 78.0]),
    ("alpha_eq_beta", (0.8, 5.0, 1.3, 5.0), [0, 1, 3, 8], [0.5, 10.0, 60.0]),
    ("beta_larger", (0.4, 3.0, 2.5, 40.0), [0, 2, 6], [5.0, 52.0]),
    ("alpha_much_larger", (2.0, 200.0, 0.7, 0.5), [0, 1, 4], [2.0, 30.0]),
    ("s_equals_one", (0.6, 8.0, 1.0, 9.0), [0, 3], [20.0]),
]


def pmf_table():
    rows = ["# source: independent computation with mpmath (50 digits): P(X(t)=n) as the alive-at-t NBD term plus "
            "the integral over the death time, src/test/python/paretonbd_reference.py (Hardie's note 012 gives the "
            "closed form the Java code uses)",
            "# tolerance: absolute 1e-12",
            "name,r,alpha,s,beta,n,t,probability"]
    for name, p, ns, ts in PMF_CASES:
        for t in ts:
            for n in ns:
                rows.append(",".join([name] + [repr(float(v)) for v in p] + [str(n), repr(t),
                                     mp.nstr(pmf(p, n, t), 20)]))
    rows.append("# E[X(t)] rows: n = -1 marks the expectation r/alpha int_0^t (beta/(beta+u))^s du")
    for name, p, ns, ts in PMF_CASES:
        for t in ts:
            rows.append(",".join([name] + [repr(float(v)) for v in p] + ["-1", repr(t),
                                 mp.nstr(expected(p, t), 20)]))
    return rows


DERT_CASES = [
    # DERT over discount rates, incl. small and large delta, s < 1, s = 1, s > 1
    ("cdnow_x2", CDNOW, 2, 30.43, 38.86),
    ("s_equals_one", (0.6, 8.0, 1.0, 9.0), 5, 20.0, 40.0),
    ("large_s", (0.6, 8.0, 50.0, 400.0), 5, 20.0, 40.0),
    ("alpha_eq_beta", (0.8, 5.0, 1.3, 5.0), 4, 12.0, 30.0),
]
DELTAS = [1e-4, 0.15 / 52, 0.01, 0.1, 1.0, 10.0]


def dert_table():
    rows = ["# source: independent computation with mpmath (50 digits): DERT as the discounted integral of the "
            "expected purchase rate of a customer alive at T times the posterior survival, src/test/python/"
            "paretonbd_reference.py (closed form: Fader, Hardie & Lee 2005, JMR 42(4), eq. 2)",
            "# tolerance: relative 1e-10",
            "name,r,alpha,s,beta,x,t_x,T,delta,dert"]
    for name, p, x, tx, T in DERT_CASES:
        for d in DELTAS:
            rows.append(",".join([name] + [repr(float(v)) for v in p] + [repr(float(v)) for v in (x, tx, T)]
                                 + [repr(d), mp.nstr(dert(p, d, x, tx, T), 20)]))
    return rows


def write(name, rows):
    with open(os.path.join(OUT, name), "w") as f:
        f.write("\n".join(rows) + "\n")


def cdnow_fit():
    """Double-precision refit of CDNOW with scipy: estimates, log-likelihood, standard errors, E[X(52)]."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import gammaln, hyp2f1
    path = os.path.join(HERE, "..", "..", "..", "..", "clv-core", "src", "test", "resources", "data",
                        "cdnow_customers_summary_with_transactions.csv")
    d = np.genfromtxt(path, delimiter=",", names=True)
    x, tx, T = d["x"].astype(float), d["t_x"], d["T"]

    def ll(q):
        r, a, s, b = q
        m, n, bb = (a, b, s + 1) if a >= b else (b, a, r + x)
        rsx = r + s + x
        a0 = (hyp2f1(rsx, bb, rsx + 1, (m - n) / (m + tx)) / (m + tx) ** rsx
              - hyp2f1(rsx, bb, rsx + 1, (m - n) / (m + T)) / (m + T) ** rsx)
        return np.sum(gammaln(r + x) - gammaln(r) + r * np.log(a) + s * np.log(b)
                      + np.log((a + T) ** -(r + x) * (b + T) ** -s + s / rsx * a0))

    res = minimize(lambda v: -ll(np.exp(v)), np.log([0.5, 10, 0.5, 10]), method="Nelder-Mead",
                   options=dict(xatol=1e-10, fatol=1e-10, maxiter=20000))
    res = minimize(lambda v: -ll(np.exp(v)), res.x, method="BFGS", options=dict(gtol=1e-8))
    p = np.exp(res.x)
    h = 1e-4 * p
    H = np.zeros((4, 4))
    for i in range(4):
        for j in range(4):
            ei = np.zeros(4); ei[i] = h[i]
            ej = np.zeros(4); ej[j] = h[j]
            H[i, j] = (ll(p + ei + ej) - ll(p + ei - ej) - ll(p - ei + ej) + ll(p - ei - ej)) / (4 * h[i] * h[j])
    se = np.sqrt(np.diag(np.linalg.inv(-H)))
    r, a, s, b = p
    ex52 = r * b / (a * (s - 1)) * (1 - (b / (b + 52)) ** (s - 1))
    print("CDNOW refit: r, alpha, s, beta =", p, "LL =", -res.fun, "se =", se, "E[X(52)] =", ex52)


if __name__ == "__main__":
    write("paretonbd_single_customer.csv", single_customer())
    write("paretonbd_pmf.csv", pmf_table())
    write("paretonbd_dert.csv", dert_table())
    cdnow_fit()
