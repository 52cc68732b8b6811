"""Standard errors of the BG/NBD and MBG/NBD maximum-likelihood estimates on CDNOW, computed
independently of clvkit: the MLE by scipy (Nelder-Mead then BFGS on log-parameters), then the observed
information as minus the Hessian of the log-likelihood in the original parameters (r, alpha, a, b) by
mpmath's numerical differentiation at 30 digits, inverted with mpmath. Standard errors are the square
roots of the diagonal. Data: clv-core/src/test/resources/data/cdnow_customers_summary_with_transactions.csv.

Run: python3 cdnow_standard_errors.py  (from this directory; needs numpy, scipy, mpmath)
"""
import os
import numpy as np
from scipy.special import gammaln, betaln
from scipy.optimize import minimize
import mpmath
from mpmath import mp, mpf, loggamma, log, exp, matrix

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, '..', '..', '..', '..', 'clv-core', 'src', 'test', 'resources', 'data',
                    'cdnow_customers_summary_with_transactions.csv')
d = np.loadtxt(DATA, delimiter=',', skiprows=1)
x, tx, T = d[:, 1], d[:, 2], d[:, 3]
patterns = {}
for row in zip(x, tx, T):
    patterns[row] = patterns.get(row, 0) + 1


def ll_np(p, s):
    r, al, a, b = np.exp(p)
    A = gammaln(r + x) - gammaln(r) + r * np.log(al) + betaln(a, b + x + s) - betaln(a, b)
    alive = -(r + x) * np.log(al + T)
    with np.errstate(divide='ignore'):
        gone = np.where(x + s > 0, np.log(a) - np.log(np.maximum(b + x + s - 1, 1e-300))
                        - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(A + np.logaddexp(alive, gone))


def ll_mp(s, r, al, a, b):
    total = mpf(0)
    lb = loggamma(a) + loggamma(b) - loggamma(a + b)
    for (xi, txi, Ti), w in patterns.items():
        xi, txi, Ti = mpf(int(xi)), mpf(txi), mpf(Ti)
        head = (loggamma(r + xi) - loggamma(r) + r * log(al)
                + loggamma(a) + loggamma(b + xi + s) - loggamma(a + b + xi + s) - lb)
        alive = (al + Ti) ** (-(r + xi))
        gone = a / (b + xi + s - 1) * (al + txi) ** (-(r + xi)) if xi + s > 0 else 0
        total += w * (head + log(alive + gone))
    return total


mp.dps = 30
for s, name in ((0, 'BG/NBD'), (1, 'MBG/NBD')):
    res = minimize(lambda p: -ll_np(p, s), np.zeros(4), method='Nelder-Mead',
                   options=dict(xatol=1e-10, fatol=1e-10, maxiter=20000, maxfev=40000))
    res = minimize(lambda p: -ll_np(p, s), res.x, method='BFGS', options=dict(gtol=1e-10))
    theta = [mpf(float(v)) for v in np.exp(res.x)]
    f = lambda r, al, a, b: ll_mp(s, r, al, a, b)
    H = matrix(4, 4)
    for i in range(4):
        for j in range(i, 4):
            order = [0, 0, 0, 0]
            order[i] += 1
            order[j] += 1
            H[i, j] = H[j, i] = mp.diff(f, theta, tuple(order))
    cov = (-H) ** -1
    se = [mp.sqrt(cov[i, i]) for i in range(4)]
    print(name, 'MLE', [mp.nstr(v, 10) for v in theta], 'LL', mp.nstr(f(*theta), 12))
    print(name, 'SE ', [mp.nstr(v, 8) for v in se])
