"""Independent (M)BG/CNBD-k reference values for clv-models tests (mpmath at 20 digits; scipy for the CDNOW fits).

Run from this directory: python3 cnbd_reference.py [functions|functions-without-cet|cdnow]  (rewrites
../resources/reference/cnbd_functions.csv and ../resources/reference/cnbd_cdnow.csv, or only the one named;
needs mpmath, numpy and scipy; the functions table takes about ten seconds of one core).

Models (Platzer & Reutterer 2016; BTYDplus xbgcnbd.*): Erlang-k inter-purchase times with phase rate
lambda ~ Gamma(r, alpha); after each purchase the customer drops out with probability p ~ Beta(a, b), at the
first purchase too for the MBG/CNBD-k (delta = 1), only at repeat purchases for the BG/CNBD-k (delta = 0).

cnbd_functions.csv: each quantity from its definition, by a route other than the library's:
  - ll: ln of the integral over lambda of the Gamma(r, alpha) density times the likelihood of the history
    given lambda (alive: Erlang phases lambda^(kx) e^(-lambda T) sum_{j<k} (lambda (T - t_x))^j / j!; dropped
    out after the last purchase: lambda^(kx) e^(-lambda t_x)), each term integrated in closed form (Gamma
    integrals), with p integrated in closed form (Beta moments), plus the litt term (k-1) litt - x ln Gamma(k)
    of the Erlang densities; checked against BTYDplus's xbgcnbd.LL formula transcribed (btyd_ll);
  - palive: the alive part of that integral over the whole;
  - cet (E[Y(t) | x, t_x, T]): the alive part times sum_n Poisson(n; lambda t) sum_{m <= (n + j) / k}
    E[(1-p)^(m-1) | alive], weighted by the phase j reached at T ((lambda (T - t_x))^j / j!), integrated over
    lambda term by term in closed form (a double series over n and j, no quadrature), divided by the whole
    integral;
  - pmf: BTYDplus's xbgcnbd_pmf_cpp formula at 20 digits (pmf of a new customer);
  - expected (E[X(t)]): sum_n n pmf(n), summed until the terms are below 1e-28.
The BTYDplus C++ self-test values (src/slice-sampling.cpp: ll -10.42500 and -12.22396 for the BG/CNBD-k at
k=3, r=0.5, alpha=2, a=0.3, b=0.6, x = 3, 4, t_x = 12, T = 14, litt = 3; pmf 0.05669 (BG) and 0.04548 (MBG)
at t = 10, n = 2) are checked here before anything is written.

cnbd_cdnow.csv: the CDNOW sample (clv-core/src/test/resources/data/CDNOW_sample.txt, 2,357 customers) summarised
as BTYDplus's elog2cbs does (same-day purchases merged, weeks, calibration to 1997-09-30, T to the start of
that day, litt = sum of ln inter-purchase times in weeks), checked against the bundled x, t_x, T summary; then
both models fitted by scipy (L-BFGS-B on log-parameters from five starts, then Nelder-Mead polish) at
k = 1..4 with the full log-likelihood including litt.
"""
import datetime
import math
import os
import sys

import numpy as np
from mpmath import mp, mpf, log, exp, loggamma, beta as mbeta, gammainc, factorial, rf
from scipy.optimize import minimize
from scipy.special import gammaln, betaln, logsumexp

mp.dps = 20
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', '..', '..', 'clv-core', 'src', 'test', 'resources', 'data')
OUT = os.path.join(HERE, '..', 'resources', 'reference')


# ---------- per-customer quantities by integration over lambda, term by term ----------

def parts(k, r, alpha, a, b, delta, x, tx, T):
    """(alive, dead) integrals over lambda of Gamma(r, alpha) density x likelihood given lambda, p in closed form.

    Without the Erlang normalisation Gamma(k)^-x and the product of itt^(k-1) (added to ll separately)."""
    k, r, alpha, a, b = int(k), mpf(r), mpf(alpha), mpf(a), mpf(b)
    x, tx, T = int(x), mpf(tx), mpf(T)
    alive_p = mbeta(a, b + x + delta) / mbeta(a, b)
    dead_p = mbeta(a + 1, b + x - 1 + delta) / mbeta(a, b) if (delta == 1 or x > 0) else mpf(0)

    # Each part integrated over lambda term by term in closed form (Gamma integrals):
    # int Gamma(r, alpha)(lambda) lambda^m e^(-lambda u) d lambda = alpha^r Gamma(r + m) / (Gamma(r) (alpha + u)^(r + m)).
    # (mpmath quadrature in lambda resolved the lambda^(r-1) singularity at 0 for r < 1 only to about 1e-6.)
    def gamma_integral(m, u):
        return exp(r * log(alpha) - loggamma(r) + loggamma(r + m) - (r + m) * log(alpha + u))

    A = mpf(0)
    for j in range(k):
        if j > 0 and T == tx:
            continue
        A += (T - tx) ** j / factorial(j) * gamma_integral(k * x + j, T)
    A *= alive_p
    D = dead_p * gamma_integral(k * x, tx) if dead_p != 0 else mpf(0)
    return A, D


def ll(k, r, alpha, a, b, delta, x, tx, T, litt):
    A, D = parts(k, r, alpha, a, b, delta, x, tx, T)
    return log(A + D) + (k - 1) * mpf(litt) - x * loggamma(k)


def palive(k, r, alpha, a, b, delta, x, tx, T):
    A, D = parts(k, r, alpha, a, b, delta, x, tx, T)
    return A / (A + D)


def cet(k, r, alpha, a, b, delta, t, x, tx, T):
    """E[Y(t) | x, t_x, T] as a double series: the Poisson(lambda t) count of phases in (T, T + t] and the
    Erlang phase j reached at T (weight (lambda (T - t_x))^j / j!) integrated over the Gamma(r, alpha) prior in
    closed form (Gamma integrals), each (n, j) term times C(floor((n + j) / k)), the expected number of those
    purchases made while alive, C(M) = sum_{m <= M} E[(1-p)^(m-1) | alive]; divided by the whole likelihood
    A + D of parts()."""
    k, r, alpha, a, b = int(k), mpf(r), mpf(alpha), mpf(a), mpf(b)
    x, tx, T, t = int(x), mpf(tx), mpf(T), mpf(t)
    A, D = parts(k, r, alpha, a, b, delta, x, tx, T)
    bp = b + x + delta
    alive_p = mbeta(a, bp) / mbeta(a, b)
    s = r + k * x
    big = alpha + T + t
    q = t / big
    cum_c = [mpf(0)]  # C(0), C(1), ...; C(M) = C(M-1) + prod_{i<M-1} (bp + i) / (a + bp + i)
    c = mpf(1)

    def C(m):
        nonlocal c
        while len(cum_c) <= m:
            mm = len(cum_c)
            if mm > 1:
                c *= (bp + mm - 2) / (a + bp + mm - 2)
            cum_c.append(cum_c[-1] + c)
        return cum_c[m]

    total = mpf(0)
    for j in range(k):
        if j > 0 and T == tx:
            continue
        # n = 0 term: Gamma(s + j) (T - t_x)^j / (j! big^(s + j))
        term = exp(loggamma(s + j) - loggamma(j + 1) + (j * log(T - tx) if j > 0 else 0) - (s + j) * log(big))
        inner = mpf(0)
        n = 0
        while True:
            contribution = term * C((n + j) // k)
            inner += contribution
            if n > (s + j) * q / (1 - q) + 10 and term * (n + 1) < mpf('1e-32') * inner:
                break
            term *= (s + j + n) / (n + 1) * q
            n += 1
        total += inner
    prior = exp(r * log(alpha) - loggamma(r))
    return alive_p * prior * total / (A + D)


def pmf(k, r, alpha, a, b, delta, t, n):
    k, r, alpha, a, b, t = int(k), mpf(r), mpf(alpha), mpf(a), mpf(b), mpf(t)

    def nb(i):
        return exp(loggamma(r + i) - loggamma(r) - loggamma(i + 1) + r * log(alpha / (alpha + t))
                   + i * log(t / (alpha + t)))

    surv = n - 1 + delta
    p1 = mbeta(a, b + surv + 1) / mbeta(a, b)
    p2a = sum(nb(i) for i in range(k * n, k * n + k))
    if delta == 0 and n == 0:
        p2b = mpf(0)
    else:
        p2b = a / (b + surv)
        if n > 0:
            p2b *= 1 - sum(nb(i) for i in range(k * n))
    return p1 * (p2a + p2b)


def expected(k, r, alpha, a, b, delta, t):
    """sum_n n pmf(n), pmf(n) as in pmf() with the negative binomial terms by recurrence and their partial sums
    kept (the tail needs n up to several hundred, so pmf() itself, which sums k n terms afresh, is too slow)."""
    with mp.workdps(45):  # 1 - sum_{j < kn} nb(j) must resolve tails down to 1e-30
        return +_expected(k, r, alpha, a, b, delta, t)


def _expected(k, r, alpha, a, b, delta, t):
    k, r, alpha, a, b, t = int(k), mpf(r), mpf(alpha), mpf(a), mpf(b), mpf(t)
    q = t / (alpha + t)
    nb = [exp(r * log(alpha / (alpha + t)))]   # nb[i] = NB(i; r, alpha, t)
    below = [mpf(0)]                           # below[i] = sum_{j < i} nb[j]

    def extend(m):
        while len(nb) <= m:
            i = len(nb) - 1
            nb.append(nb[i] * (r + i) / (i + 1) * q)
        while len(below) <= m:
            below.append(below[-1] + nb[len(below) - 1])

    def fast_pmf(n):
        extend(k * n + k)
        surv = n - 1 + delta
        p1 = mbeta(a, b + surv + 1) / mbeta(a, b)
        p2a = below[k * n + k] - below[k * n]
        if delta == 0 and n == 0:
            p2b = mpf(0)
        else:
            p2b = a / (b + surv)
            if n > 0:
                p2b *= 1 - below[k * n]
        return p1 * (p2a + p2b)

    for n in (0, 1, 2, 5):
        direct = pmf(k, r, alpha, a, b, delta, t, n)
        assert abs(fast_pmf(n) - direct) <= mpf('1e-17') * (abs(direct) + mpf('1e-30')), (k, n)
    total = mpf(0)
    n = 1
    while True:
        term = n * fast_pmf(n)
        total += term
        if n > 20 and term < mpf('1e-28') * total:
            return total
        n += 1


# ---------- BTYDplus's own self-test values ----------
def btyd_ll(k, r, alpha, a, b, delta, x, tx, T, litt):
    """BTYDplus xbgcnbd.LL, transcribed as a formula at 20 digits (to compare with the integral above)."""
    P1 = (k - 1) * litt - x * loggamma(k)
    P2 = log(mbeta(a, b + x + delta)) - log(mbeta(a, b))
    P3 = loggamma(r + k * x) - loggamma(r) + r * log(alpha)
    P4 = -(r + k * x) * log(alpha + T)
    S1 = (a / (b + x - 1 + delta) * ((alpha + T) / (alpha + tx)) ** (r + k * x)) if (delta or x > 0) else 0
    S2 = sum(rf(r + k * x, j) * (T - tx) ** j / (factorial(j) * (alpha + T) ** j) for j in range(k))
    return P1 + P2 + P3 + P4 + log(S1 + S2)


for x, want in ((3, '-10.42500'), (4, '-12.22396')):
    got = ll(3, '0.5', 2, '0.3', '0.6', 0, x, 12, 14, 3)
    assert abs(got - mpf(want)) <= mpf('5e-6'), (x, got)  # BTYDplus rounds to 5 decimals
    assert abs(got - btyd_ll(3, mpf('0.5'), 2, mpf('0.3'), mpf('0.6'), 0, x, 12, 14, 3)) < mpf('1e-14')
assert abs(pmf(3, '0.5', 2, '0.3', '0.6', 0, 10, 2) - mpf('0.05669')) <= mpf('5e-6')
assert abs(pmf(3, '0.5', 2, '0.3', '0.6', 1, 10, 2) - mpf('0.04548')) <= mpf('5e-6')

WHAT = sys.argv[1] if len(sys.argv) > 1 else 'both'

# ---------- the functions table ----------
def evaluate(task):
    """One row of the functions table: (common columns..., value)."""
    model, delta, k, r, al, a, b, quantity, n, t, x, tx, T, litt = task
    args = (k, r, al, a, b, delta)
    if quantity == 'll':
        v = ll(*args, x, mpf(str(tx)), mpf(str(T)), mpf(str(litt)))
    elif quantity == 'palive':
        v = palive(*args, x, mpf(str(tx)), mpf(str(T)))
    elif quantity == 'cet':
        v = cet(*args, t, x, mpf(str(tx)), mpf(str(T)))
    elif quantity == 'pmf':
        v = pmf(*args, mpf(str(t)), n)
    else:
        v = expected(*args, mpf(str(t)))
    return (model, k, r, al, a, b, quantity, n, t, x, tx, T, litt, v)


PARAMS = [
    (1, '0.243', '4.414', '0.793', '2.426'),   # BG/NBD on CDNOW (Fader, Hardie & Lee 2005)
    (2, '0.85', '1.45', '0.79', '2.42'),
    (3, '0.5', '2', '0.3', '0.6'),             # BTYDplus's self-test parameters
    (5, '1.3', '0.8', '1.6', '4.2'),
]
HISTORIES = [(0, 0, 38.86, 0), (1, 1.71, 38.86, 0.5364933), (2, 30.43, 38.86, 3.0), (7, 29.57, 31.57, 9.2),
             (25, 50.2, 52.0, 30.1)]

if __name__ == '__main__' and WHAT in ('both', 'functions', 'functions-without-cet'):
    from multiprocessing import Pool
    tasks = []
    for delta, model in ((1, 'mbgcnbd'), (0, 'bgcnbd')):
        for (k, r, al, a, b) in PARAMS:
            for (x, tx, T, litt) in HISTORIES:
                tasks.append((model, delta, k, r, al, a, b, 'll', 0, 0, x, tx, T, litt))
                tasks.append((model, delta, k, r, al, a, b, 'palive', 0, 0, x, tx, T, 0))
                for t in ((1, 39) if (x, tx) == (2, 30.43) else (39,)) if WHAT != 'functions-without-cet' else ():
                    tasks.append((model, delta, k, r, al, a, b, 'cet', 0, t, x, tx, T, 0))
            for t in (2.5, 39):
                for n in (0, 1, 2, 5):
                    tasks.append((model, delta, k, r, al, a, b, 'pmf', n, t, 0, 0, 0, 0))
                tasks.append((model, delta, k, r, al, a, b, 'expected', 0, t, 0, 0, 0, 0))
    with Pool(int(os.environ.get('PROCESSES', '4'))) as pool:
        rows = pool.map(evaluate, tasks, chunksize=1)
    with open(os.path.join(OUT, 'cnbd_functions.csv'), 'w') as f:
        f.write('# source: independent computation, clv-models/src/test/python/cnbd_reference.py (mpmath, 20 digits): '
                '(M)BG/CNBD-k log-likelihood, P(alive) and conditional expected purchases as integrals over the phase '
                'rate lambda taken term by term (Gamma integrals, no quadrature), pmf by BTYDplus\'s formula and E[X(t)] as the sum of n pmf(n); the script first '
                'reproduces BTYDplus\'s C++ self-test values (ll -10.42500, -12.22396; pmf 0.05669, 0.04548)\n')
        f.write('# tolerance: relative 1e-11 or absolute 1e-14 (series at 20 digits; the library\'s series in '
                'double precision)\n')
        f.write('model,k,r,alpha,a,b,quantity,n,t,x,tx,T,litt,value\n')
        for row in rows:
            f.write(','.join(str(v) for v in row[:-1]) + ',' + mp.nstr(row[-1], 17) + '\n')
    print('functions rows', len(rows))

# ---------- CDNOW ----------
if __name__ == '__main__' and WHAT in ('both', 'cdnow'):
    purchases = {}
    with open(os.path.join(DATA, 'CDNOW_sample.txt')) as f:
        for line in f:
            cells = line.split()
            if not cells:
                continue
            cust = int(cells[1])
            day = datetime.datetime.strptime(cells[2], '%Y%m%d').date()
            purchases.setdefault(cust, set()).add(day)
    end = datetime.date(1997, 9, 30)
    ids = sorted(purchases)
    X, TX, TT, LITT = [], [], [], []
    for c in ids:
        days = sorted(purchases[c])
        first = days[0]
        cal = [d for d in days if d <= end]
        t = [(d - first).days / 7 for d in cal]
        X.append(len(cal) - 1)
        TX.append(t[-1])
        TT.append((end - first).days / 7)
        LITT.append(sum(math.log(t[i] - t[i - 1]) for i in range(1, len(t))))
    X, TX, TT, LITT = map(np.array, (X, TX, TT, LITT))
    summary = np.loadtxt(os.path.join(DATA, 'cdnow_customers_summary_with_transactions.csv'), delimiter=',', skiprows=1)
    assert np.array_equal(summary[:, 0].astype(int), np.array(ids))
    assert np.array_equal(summary[:, 1], X)
    assert np.max(np.abs(summary[:, 2] - TX)) <= 0.005 + 1e-9
    assert np.max(np.abs(summary[:, 3] - TT)) <= 0.005 + 1e-9


    def cdnow_ll(theta, k, delta):
        r, alpha, a, b = np.exp(theta)
        s = r + k * X
        beta = alpha + TT
        z = (TT - TX) / beta
        u = np.ones_like(s)
        s2 = np.ones_like(s)
        for j in range(1, k):
            u = u * (s + j - 1) / j * z
            s2 = s2 + u
        alive = np.log(s2) - s * np.log(beta)
        with np.errstate(divide='ignore'):
            dead = np.where((X > 0) | (delta == 1),
                            np.log(a) - np.log(b + X - 1 + delta) - s * np.log(alpha + TX), -np.inf)
        mix = logsumexp(np.stack([alive, dead]), axis=0)
        val = ((k - 1) * LITT - X * gammaln(k) + betaln(a, b + X + delta) - betaln(a, b)
               + gammaln(s) - gammaln(r) + r * np.log(alpha) + mix)
        return float(np.sum(val))


    fits = []
    for delta, model in ((1, 'mbgcnbd'), (0, 'bgcnbd')):
        for k in (1, 2, 3, 4):
            best = None
            for start in ([0, 1.1, 0, 1.1], [-1, 1.5, -0.2, 0.9], [-0.5, 2, 0.5, 1.5], [0.5, 0.5, -0.5, 0.5],
                          [-1.5, 1, 0.2, 2]):
                res = minimize(lambda th: -cdnow_ll(th, k, delta), np.array(start, float), method='L-BFGS-B')
                res = minimize(lambda th: -cdnow_ll(th, k, delta), res.x, method='Nelder-Mead',
                               options={'xatol': 1e-10, 'fatol': 1e-10, 'maxiter': 20000, 'maxfev': 40000})
                if best is None or res.fun < best.fun:
                    best = res
            r, alpha, a, b = np.exp(best.x)
            fits.append((model, k, r, alpha, a, b, -best.fun))
            print(model, k, r, alpha, a, b, -best.fun)

    with open(os.path.join(OUT, 'cnbd_cdnow.csv'), 'w') as f:
        f.write('# source: independent computation, clv-models/src/test/python/cnbd_reference.py (scipy L-BFGS-B then '
                'Nelder-Mead on log-parameters, five starts): MBG/CNBD-k and BG/CNBD-k maximum likelihood at k = 1..4 on '
                'the CDNOW sample summarised with litt as BTYDplus elog2cbs does (weeks, same-day purchases merged, '
                'calibration to 1997-09-30); BTYDplus demo/cdnow.R states that its grid picks k = 1 for the MBG/CNBD-k '
                'on CDNOW, and at k = 1 the fits are the MBG/NBD and BG/NBD ones (mbgnbd_cdnow_fit.csv, '
                'bgnbd_cdnow_fit.csv)\n')
        f.write('# tolerance: relative 1e-4 for the parameters, absolute 1e-4 for the log-likelihood (the optimisers\' '
                'stopping rules)\n')
        f.write('model,k,r,alpha,a,b,log_likelihood\n')
        for row in fits:
            f.write('%s,%d,%s\n' % (row[0], row[1], ','.join('%.10g' % v for v in row[2:])))
