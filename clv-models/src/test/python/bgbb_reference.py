"""Independent BG/BB reference values for clv-models tests (mpmath, 40 significant digits).

Run from this directory: python3 bgbb_reference.py  (rewrites the six files
../resources/reference/bgbb_independent_*.csv). Every value is computed from the model's definition in
Fader, Hardie & Shang (2010), Marketing Science 29(6), as sums of Beta-function integrals of the
individual-level model, not from the closed forms the Java code uses:
  - log-likelihood: eq. (5) as written (alive-through-n term plus death-at-each-later-opportunity terms);
  - P(alive at n+1): first term of eq. (5) times B(g, d+n+1)/B(g, d+n), over L;
  - E[Y(n*) | x, t_x, n]: sum over k = 1..n* of P(buy at n+k), each a Beta integral;
  - DERT(d): the same sum to infinity with (1+d)^-k, by mpmath.nsum;
  - DERT at tiny rates (1e-9, 1e-12), where that sum converges too slowly: its discounted survival sum
    sum_{k>=1} (1+d)^-k E[(1-theta)^k] is the integral E[(1-theta)/(d+theta)], theta ~ Beta(g, delta+n),
    by mpmath.quad split at d, 10d, 100d, ...; checked against mpmath's hyp2f1 closed form (eq. 18);
  - E[X(n)]: sum over t = 1..n of E[p] P(alive at t);
  - P(X(n) = x): by the customer's number of opportunities alive L, sum over L of P(L) C(L, x) B(a+x, b+L-x)/B(a, b);
  - psi(x): mpmath's digamma;
  - S(g, d, m): the closed form d/(g-1) (1 - Gamma(g+d) Gamma(1+d+m) / (Gamma(1+d) Gamma(g+d+m))) in
    40-digit arithmetic (its limit d (psi(1+d+m) - psi(1+d)) at g = 1).
"""
from mpmath import mp, mpf, beta, binomial, nsum, inf, log, gamma as G, digamma, rgamma, quad, hyp2f1

mp.dps = 40
A, B, C, D = mpf("1.204"), mpf("0.750"), mpf("0.657"), mpf("2.783")


def lik(x, tx, n):
    s = beta(A + x, B + n - x) / beta(A, B) * beta(C, D + n) / beta(C, D)
    for i in range(0, n - tx):
        s += beta(A + x, B + tx - x + i) / beta(A, B) * beta(C + 1, D + tx + i) / beta(C, D)
    return s


def alive_next(x, tx, n):
    return beta(A + x, B + n - x) / beta(A, B) * beta(C, D + n + 1) / beta(C, D) / lik(x, tx, n)


def buy_at(k, x, tx, n):
    # P(alive at n+k and buys there | history), unnormalised by L
    return beta(A + x + 1, B + n - x) / beta(A, B) * beta(C, D + n + k) / beta(C, D)


def cond_expected(m, x, tx, n):
    return sum(buy_at(k, x, tx, n) for k in range(1, m + 1)) / lik(x, tx, n)


def dert(rate, x, tx, n):
    z = 1 / (1 + mpf(rate))
    return nsum(lambda k: buy_at(k, x, tx, n) * z ** k, [1, inf]) / lik(x, tx, n)


def expected_new(n):
    return A / (A + B) * sum(beta(C, D + t) / beta(C, D) for t in range(1, n + 1))


def pmf(x, n):
    s = 0
    for L in range(0, n + 1):
        pl = beta(C + 1, D + L) / beta(C, D) if L < n else beta(C, D + n) / beta(C, D)
        if x <= L:
            s += pl * binomial(L, x) * beta(A + x, B + L - x) / beta(A, B)
    return s


def survived(g, d, m):
    g, d = mpf(g), mpf(d)
    if g == 1:
        return d * (digamma(1 + d + m) - digamma(1 + d))
    r = G(g + d) * G(1 + d + m) * rgamma(1 + d) * rgamma(g + d + m)
    return d / (g - 1) * (1 - r)


def f(v):
    return mp.nstr(v, 20, min_fixed=-30, max_fixed=30)


SOURCE = ("# source: independent computation, clv-models/src/test/python/bgbb_reference.py (mpmath, 40 digits),"
          " from the definitions in Fader, Hardie & Shang (2010), Marketing Science 29(6)\n")
PARAMS = "# parameters: alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783 (the paper's donor fit)\n"


def write(name, tolerance, header, rows, params=True):
    with open("../resources/reference/" + name, "w") as out:
        out.write(SOURCE)
        if params:
            out.write(PARAMS)
        out.write("# tolerance: " + tolerance + "\n")
        out.write(header + "\n")
        for row in rows:
            out.write(",".join(row) + "\n")


patterns = [(0, 0, 6), (1, 1, 6), (1, 6, 6), (2, 4, 6), (3, 5, 6), (6, 6, 6), (0, 0, 0), (4, 7, 12),
            (1, 2, 40)]
write("bgbb_independent_histories.csv", "relative 1e-12",
      "x,t_x,n,log_likelihood,p_alive_next,expected_5,dert_0.10",
      [(str(x), str(tx), str(n), f(log(lik(x, tx, n))), f(alive_next(x, tx, n)),
        f(cond_expected(5, x, tx, n)), f(dert("0.10", x, tx, n))) for x, tx, n in patterns])
write("bgbb_independent_expected.csv", "relative 1e-13", "t,expected",
      [(str(n), f(expected_new(n))) for n in (1, 2, 5, 6, 10, 50, 200)])
write("bgbb_independent_pmf.csv", "relative 1e-12", "k,t,probability",
      [(str(x), str(n), f(pmf(x, n))) for n in (1, 6, 11) for x in range(0, n + 1)])
write("bgbb_independent_survived.csv",
      "relative 1e-12 (the direct sum up to m = 2048, the closed form beyond)",
      "gamma,d,m,value",
      [(g, d, str(m), f(survived(g, d, m))) for g, d, m in [
          ("0.657", "2.783", 5), ("0.657", "8.783", 3000), ("1", "3", 5000), ("1.0000001", "3", 5000),
          ("0.9999", "50", 10000), ("2.5", "100", 2049), ("0.001", "1000", 100000),
          ("1.5", "0.25", 1000000)]], params=False)
write("bgbb_independent_digamma.csv", "relative 1e-15 or absolute 1e-15", "x,digamma",
      [(x, f(digamma(mpf(x)))) for x in ("1", "1.4616321449683623", "1.5", "4", "15.99", "48.9", "49",
                                          "100", "2052", "1e6")], params=False)


def lik_p(p, x, tx, n):
    a, b, g, dl = p
    s = beta(a + x, b + n - x) / beta(a, b) * beta(g, dl + n) / beta(g, dl)
    for i in range(0, n - tx):
        s += beta(a + x, b + tx - x + i) / beta(a, b) * beta(g + 1, dl + tx + i) / beta(g, dl)
    return s


def split(rate):
    points = [mpf(0)]
    q = mpf(rate)
    while q < 1:
        points.append(q)
        q *= 10
    return points + [mpf(1)]


def dert_integral(p, rate, x, tx, n):
    a, b, g, dl = p
    rate = mpf(rate)
    # sum_{k>=1} (1+d)^-k E[(1-theta)^k] = E[(1-theta)/(d+theta)], theta ~ Beta(g, delta+n)
    tail = quad(lambda th: th ** (g - 1) * (1 - th) ** (dl + n) / (rate + th), split(rate)) / beta(g, dl + n)
    value = (beta(a + x + 1, b + n - x) / beta(a, b) * beta(g, dl + n) / beta(g, dl) * tail
             / lik_p(p, x, tx, n))
    z = 1 / (1 + rate)
    closed = (beta(a + x + 1, b + n - x) / beta(a, b) * beta(g, dl + n + 1) / beta(g, dl) * z
              * hyp2f1(1, dl + n + 1, g + dl + n + 1, z) / lik_p(p, x, tx, n))
    assert abs(value - closed) <= mpf("1e-25") * abs(closed), (value, closed)
    return value


PARAMETER_SETS = [("1.204", "0.750", "0.657", "2.783"), ("1.204", "0.750", "3.5", "2.783")]
rows = []
for ps in PARAMETER_SETS:
    p = tuple(mpf(v) for v in ps)
    for rate in ("1e-9", "1e-12"):
        for x, tx, n in [(0, 0, 6), (2, 4, 6), (6, 6, 6), (1, 2, 40)]:
            rows.append(ps + (rate, str(x), str(tx), str(n), f(dert_integral(p, rate, x, tx, n))))
with open("../resources/reference/bgbb_independent_dert.csv", "w") as out:
    out.write(SOURCE)
    out.write("# DERT at tiny discount rates, as the integral E[(1-theta)/(d+theta)] (see the script)\n")
    out.write("# tolerance: relative 1e-12\n")
    out.write("alpha,beta,gamma,delta,discount,x,t_x,n,dert\n")
    for r in rows:
        out.write(",".join(r) + "\n")
