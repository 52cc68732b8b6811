"""Independent beta-discrete-Weibull (BdW) reference values for clv-models tests (mpmath, 30 digits).

Run from this directory: python3 bdw_reference.py  (rewrites ../resources/reference/bdw_fader_hardie_2007.csv
and ../resources/reference/bdw_functions.csv; needs mpmath, numpy and scipy).

The BdW of Fader, Hardie, Liu, Davin & Steenburgh (2018), '"How to project customer retention" revisited:
the role of duration dependence', J. Interactive Marketing 43: a customer with churn parameter theta renews
period t with probability (1-theta)^(t^c - (t-1)^c), theta ~ Beta(alpha, beta), so that
    S(t) = E[(1-theta)^(t^c)] = B(alpha, beta + t^c) / B(alpha, beta)   (here as an integral over theta).
Fits: the survivors of Fader & Hardie (2007), Table 1, years 0-7 (percent x 10, a cohort of 1,000;
clv-models/src/test/resources/data/sbg_retention_fader_hardie_2007.csv): scipy Nelder-Mead on
log-parameters, polished by mpmath.findroot on the score (numerical derivatives of the 30-digit
log-likelihood); standard errors from the inverse observed information in (alpha, beta, c).
Functions: S(t) as the integral over theta (mpmath.quad; checked against the closed form to 1e-15), DEL and DERL as sums of S (mpmath.nsum).
"""
import os
import numpy as np
from scipy.optimize import minimize
from mpmath import mp, mpf, quad, beta as B, log, exp, diff, matrix, findroot, nsum, inf, betainc

mp.dps = 30
HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, '..', 'resources', 'reference')
DATA = os.path.join(HERE, '..', 'resources', 'data', 'sbg_retention_fader_hardie_2007.csv')
d = np.genfromtxt(DATA, delimiter=',', names=True)


def S_closed(a, b, c, t):
    return B(a, b + mpf(t) ** c) / B(a, b) if t > 0 else mpf(1)


def S_integral(a, b, c, t):
    if t == 0:
        return mpf(1)
    u = mpf(t) ** c
    # theta = v^(1/alpha) removes the theta^(alpha-1) singularity at 0: theta^(alpha-1) d theta = dv / alpha
    g = lambda v: (1 - v ** (1 / a)) ** (u + b - 1) / a
    return quad(g, [0, mpf('0.25'), mpf('0.5'), mpf('0.75'), 1]) / B(a, b)


def ll(a, b, c, alive):
    total = mpf(0)
    for t in range(1, len(alive)):
        total += (alive[t - 1] - alive[t]) * log(S_closed(a, b, c, t - 1) - S_closed(a, b, c, t))
    return total + alive[-1] * log(S_closed(a, b, c, len(alive) - 1))


rows = []
for segment in ('high_end', 'regular'):
    alive = [mpf(str(v)) * 10 for v in d[segment + '_pct_alive'][:8]]
    f = lambda p: -float(ll(*[mpf(float(np.exp(q))) for q in p], alive))
    res = minimize(f, [0, 0, 0], method='Nelder-Mead', options={'xatol': 1e-10, 'fatol': 1e-12, 'maxiter': 20000})
    start = [mpf(float(np.exp(q))) for q in res.x]
    g = lambda a, b, c: [diff(lambda u: ll(u, b, c, alive), a), diff(lambda u: ll(a, u, c, alive), b),
                         diff(lambda u: ll(a, b, u, alive), c)]
    a, b, c = findroot(g, start)
    p = [a, b, c]
    H = matrix(3, 3)
    for i in range(3):
        for j in range(3):
            orders = [0, 0, 0]
            orders[i] += 1
            orders[j] += 1
            H[i, j] = diff(lambda x, y, z: ll(x, y, z, alive), p, tuple(orders))
    cov = (-H) ** -1
    rows.append((segment, a, b, c, [mp.sqrt(cov[i, i]) for i in range(3)], ll(a, b, c, alive)))

with open(os.path.join(OUT, 'bdw_fader_hardie_2007.csv'), 'w') as out:
    out.write('# source: independent computation, clv-models/src/test/python/bdw_reference.py (mpmath, 30 digits): '
              'BdW maximum likelihood on the survivors of Fader & Hardie (2007) Table 1, years 0-7, a cohort of 1,000\n')
    out.write('# tolerance: relative 1e-6 for the estimates, 1e-3 for the standard errors, absolute 1e-7 for the '
              'log-likelihood\n')
    out.write('segment,alpha,beta,c,se_alpha,se_beta,se_c,log_likelihood\n')
    for segment, a, b, c, se, value in rows:
        out.write('%s,%s,%s,%s,%s,%s,%s,%s\n' % (segment, mp.nstr(a, 17), mp.nstr(b, 17), mp.nstr(c, 17),
                  mp.nstr(se[0], 17), mp.nstr(se[1], 17), mp.nstr(se[2], 17), mp.nstr(value, 17)))

cases = [('0.704', '1.182', '1'), ('0.668', '3.806', '0.7'), ('1.5', '2.5', '1.6'), ('0.3', '8', '0.4')]
with open(os.path.join(OUT, 'bdw_functions.csv'), 'w') as out:
    out.write('# source: independent computation, clv-models/src/test/python/bdw_reference.py (mpmath, 30 digits): '
              'BdW survival as an integral over the Beta-distributed churn parameter; DEL(d) = sum_t>=0 S(t)/(1+d)^t and '
              'DERL(d, n) = sum_t>=n S(t)/S(n-1)/(1+d)^(t-n) by mpmath.nsum\n')
    out.write('# tolerance: relative 1e-12\n')
    out.write('alpha,beta,c,quantity,t,discount,value\n')
    for sa, sb, sc in cases:
        a, b, c = mpf(sa), mpf(sb), mpf(sc)
        for t in (1, 2, 5, 12, 100):
            v = S_integral(a, b, c, t)
            assert abs(v / S_closed(a, b, c, t) - 1) < mpf('1e-15'), (sa, sb, sc, t)
            out.write('%s,%s,%s,survival,%d,0,%s\n' % (sa, sb, sc, t, mp.nstr(v, 17)))
        for dd in ('0.1', '0.5'):
            z = 1 / (1 + mpf(dd))
            de = nsum(lambda t: S_closed(a, b, c, int(t)) * z ** t, [0, inf])
            out.write('%s,%s,%s,del,0,%s,%s\n' % (sa, sb, sc, dd, mp.nstr(de, 17)))
            for n in (1, 3, 8):
                dr = nsum(lambda t: S_closed(a, b, c, int(t)) / S_closed(a, b, c, n - 1) * z ** (t - n), [n, inf])
                out.write('%s,%s,%s,derl,%d,%s,%s\n' % (sa, sb, sc, n, dd, mp.nstr(dr, 17)))
