"""Independent NBD reference values for clv-models tests (mpmath, 30 digits).

Run from this directory: python3 nbd_reference.py  (rewrites ../resources/reference/nbd_cdnow.csv and
../resources/reference/nbd_functions.csv; needs mpmath and numpy).

The NBD (Ehrenberg 1959; Fader & Hardie 2004, note 005) on the CDNOW calibration sample (2,357 customers,
39 weeks; clv-core/src/test/resources/data/cdnow_customers_summary_with_transactions.csv), with the
log-likelihood of BTYDplus's nbd.LL (the density of the purchase times, without T^x/x!):
    ln L = ln G(r+x) - ln G(r) + r ln a - (r+x) ln(a+T).
The MLE solves the two score equations by mpmath.findroot at 30 digits (the r-equation after eliminating
nothing: both equations together, from r = 0.4, alpha = 12); the standard errors are the square roots of
the diagonal of the inverse observed information, -Hessian of ln L in (r, alpha) by mpmath.diff.
Predictions are evaluated from their definitions, not from closed forms:
    - P(X(t)=n) as the Poisson(lambda t) probability integrated against the Gamma(r, alpha) density (quad);
    - E[Y(t)|x,T] as t times the posterior mean rate, the ratio of two integrals over lambda (quad);
each is checked against the closed form (note 005) to 1e-15 before it is written.
"""
import os
import numpy as np
from mpmath import mp, mpf, loggamma, log, exp, findroot, diff, matrix, quad, inf, gamma, factorial, digamma

mp.dps = 30
HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, '..', '..', '..', '..', 'clv-core', 'src', 'test', 'resources', 'data',
                    'cdnow_customers_summary_with_transactions.csv')
OUT = os.path.join(HERE, '..', 'resources', 'reference')
d = np.loadtxt(DATA, delimiter=',', skiprows=1)
pairs = {}
for x, T in zip(d[:, 1], d[:, 3]):
    key = (int(x), mpf(str(T)))
    pairs[key] = pairs.get(key, 0) + 1


def ll(r, a):
    return sum(w * (loggamma(r + x) - loggamma(r) + r * log(a) - (r + x) * log(a + T))
               for (x, T), w in pairs.items())


def score(r, a):
    gr = sum(w * (digamma(r + x) - digamma(r) + log(a) - log(a + T)) for (x, T), w in pairs.items())
    ga = sum(w * (r / a - (r + x) / (a + T)) for (x, T), w in pairs.items())
    return [gr, ga]


r, a = findroot(lambda r, a: score(r, a), (mpf('0.4'), mpf('12')))
H = matrix(2, 2)
H[0, 0] = diff(lambda u: ll(u, a), r, 2)
H[1, 1] = diff(lambda v: ll(r, v), a, 2)
H[0, 1] = H[1, 0] = diff(lambda u, v: ll(u, v), (r, a), (1, 1))
cov = (-H) ** -1
with open(os.path.join(OUT, 'nbd_cdnow.csv'), 'w') as f:
    f.write('# source: independent computation, clv-models/src/test/python/nbd_reference.py (mpmath, 30 digits): '
            'NBD maximum likelihood on the CDNOW calibration sample (2,357 customers, weeks) with BTYDplus nbd.LL\'s '
            'likelihood, standard errors from the inverse observed information\n')
    f.write('# tolerance: relative 1e-6 for the estimates, 1e-4 for the standard errors, absolute 1e-6 for the '
            'log-likelihood\n')
    f.write('quantity,value\n')
    f.write('r,%s\n' % mp.nstr(r, 17))
    f.write('alpha,%s\n' % mp.nstr(a, 17))
    f.write('se_r,%s\n' % mp.nstr(mp.sqrt(cov[0, 0]), 17))
    f.write('se_alpha,%s\n' % mp.nstr(mp.sqrt(cov[1, 1]), 17))
    f.write('log_likelihood,%s\n' % mp.nstr(ll(r, a), 17))


def integral(g, r, a, scale, power):
    """The integral of g(lambda) against the Gamma(r, a) density, g having lambda^power as its power of
    lambda: in lambda when r + power >= 1 (no singularity at 0), else in u = lambda^r (which removes the
    lambda^(r-1) singularity at 0: lambda^(r-1) d lambda = du / r); split at multiples of 1/scale."""
    if r + power >= 1:
        mode, sd = (r + power - 1) / scale, mp.sqrt(r + power) / scale
        cuts = [mpf(k) / scale for k in (0.01, 0.1, 1, 10, 100, 1000)] + [mode + k * sd for k in range(-6, 7)]
        cuts = sorted(set([mpf(0)] + [c for c in cuts if c > 0] + [inf]))
        # quad's error criterion is absolute: scale the integrand to 1 at its mode, then scale back
        f = lambda lam: g(lam) * exp(r * log(a) + (r - 1) * log(lam) - a * lam - loggamma(r))
        peak = f(mode if mode > 0 else 1 / scale)
        return peak * quad(lambda lam: f(lam) / peak if lam > 0 else mpf(0), cuts)

    def integrand(u):
        if u == 0:
            return mpf(0) if g(mpf(0)) == 0 else g(mpf(0)) * exp(r * log(a) - loggamma(r)) / r
        lam = u ** (1 / r)
        return g(lam) * exp(r * log(a) - a * lam - loggamma(r)) / r
    cuts = sorted(set([mpf(0)] + [(mpf(k) / scale) ** r for k in (0.01, 0.1, 1, 10, 100, 1000)] + [inf]))
    return quad(integrand, cuts)


def pmf(n, t, r, a):
    value = integral(lambda lam: exp(-lam * t) * (lam * t) ** n / factorial(n), r, a, a + t, n)
    closed = exp(loggamma(r + n) - loggamma(r) - loggamma(n + 1) + r * log(a / (a + t)) + n * log(t / (a + t)))
    assert abs(value / closed - 1) < mpf('1e-15'), (n, t, r, a, value, closed)
    return value


def cond_exp(t, x, T, r, a):
    num = integral(lambda lam: lam ** (x + 1) * exp(-lam * T), r, a, a + T, x + 1)
    den = integral(lambda lam: lam ** x * exp(-lam * T), r, a, a + T, x)
    value = t * num / den
    assert abs(value / (t * (r + x) / (a + T)) - 1) < mpf('1e-15'), (t, x, T, r, a, value)
    return value


cases = [('0.385', '12.07'), ('2.5', '0.8'), ('0.05', '300')]
with open(os.path.join(OUT, 'nbd_functions.csv'), 'w') as f:
    f.write('# source: independent computation, clv-models/src/test/python/nbd_reference.py (mpmath, 30 digits): '
            'NBD count probabilities and conditional expectations as integrals over the Gamma(r, alpha) '
            'purchase rate\n')
    f.write('# tolerance: relative 1e-12\n')
    f.write('r,alpha,quantity,n,t,x,T,value\n')
    for rs, als in cases:
        rr, aa = mpf(rs), mpf(als)
        for n, t in [(0, '1'), (1, '1'), (3, '39'), (10, '52'), (40, '200'), (0, '1000')]:
            f.write('%s,%s,pmf,%d,%s,0,0,%s\n' % (rs, als, n, t, mp.nstr(pmf(n, mpf(t), rr, aa), 17)))
        for t, x, T in [('1', 0, '38.86'), ('52', 3, '30.5'), ('39', 25, '39'), ('10', 100, '0.5')]:
            f.write('%s,%s,conditional,0,%s,%d,%s,%s\n' % (
                rs, als, t, x, T, mp.nstr(cond_exp(mpf(t), x, mpf(T), rr, aa), 17)))
