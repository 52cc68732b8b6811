"""Independent reference values for P(alive) at a future time and new-customer expectations of the
BG/NBD, MBG/NBD, Pareto/NBD, MBG/CNBD-k and BG/CNBD-k (issue 18), mpmath at 30 digits.

Run from this directory: python3 future_alive_reference.py  (rewrites
../resources/reference/future_alive_new_customer.csv and future_alive_cnbd.csv; needs mpmath; about two
minutes of one core). Every integrand is scaled to be of order 1, as mpmath.quad's error bound is absolute
(before that scaling the rows with x = 15 were off by up to 5e-13).

Everything is integrated from the models' definitions over the mixing distributions, without the
hypergeometric closed forms the library uses:
  - BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam et al. 2007): given (lambda, p), the
    history (x, t_x, T) has density lambda^x (1-p)^(x+s) e^(-lambda T) if the customer is alive at T,
    and lambda^x p (1-p)^(x+s-1) e^(-lambda t_x) if the customer dropped out right after the last
    purchase (s = 0 for the BG/NBD, where that needs x > 0; s = 1 for the MBG/NBD). An alive customer
    survives (T, T+t] when none of its Poisson(lambda t) purchases is followed by a dropout:
    probability e^(-lambda p t). The Gamma(r, alpha) integral over lambda is done analytically
    (int lambda^x e^(-lambda u) Gamma(lambda; r, alpha) = G(r+x)/G(r) alpha^r u^-(r+x)) and the Beta(a, b)
    integral over p by mpmath.quad, so that
        P(alive at T+t | x, t_x, T) = int Beta(p) (1-p)^(x+s) (alpha+T+p t)^-(r+x) dp
                                      / int Beta(p) [(1-p)^(x+s) (alpha+T)^-(r+x)
                                                     + d p (1-p)^(x+s-1) (alpha+t_x)^-(r+x)] dp.
    The new customer's E[X(t)] (CLVTools' newcustomer: repeat purchases in (0, t] of a customer
    acquired at 0) is E[(1-p)^s (1 - e^(-lambda p t)) / p] = int Beta(p) (1-p)^s (1 - (alpha/(alpha+p t))^r) / p dp.
  - Pareto/NBD (Schmittlein, Morrison & Colombo 1987): given (lambda, mu) the history has density
    lambda^x e^-((lambda+mu) T) (alive) + int_{t_x}^T lambda^x e^-(lambda tau) mu e^-(mu tau) dtau (dead);
    alive at T+t adds e^(-mu t). After the analytic lambda integral, the mu integral is done by
    mpmath.quad (and the tau integral inside it analytically):
        P(alive at T+t) = int Gamma(mu; s, beta) e^(-mu (T+t)) (alpha+T)^-(r+x) dmu / int Gamma(mu) [ ... ] dmu
    with the dead part int_{t_x}^T mu e^(-mu tau) (alpha+tau)^-(r+x) dtau integrated numerically; and
    E[X(t)] = (r/alpha) int Gamma(mu; s, beta) (1 - e^(-mu t)) / mu dmu.
  - MBG/CNBD-k and BG/CNBD-k (Platzer & Reutterer 2016; the model as BTYDplus's R/mbg-cnbd-k.R
    defines it): Erlang-k inter-purchase times with phase rate lambda ~ Gamma(r, alpha), and after each
    purchase a dropout with probability p ~ Beta(a, b), at the first purchase too for the MBG/CNBD-k
    (delta = 1), only at repeat purchases for the BG/CNBD-k (delta = 0). Given (lambda, p) the history
    has density (up to factors that cancel) lambda^(kx) e^(-lambda T) sum_{j<k} (lambda d)^j / j!
    (1-p)^(x+delta) if alive at T, j phases into the current inter-purchase time (d = T - t_x), and
    lambda^(kx) e^(-lambda t_x) p (1-p)^(x+delta-1) if dropped out after the last purchase. An alive
    customer j phases in survives (T, T+t] with probability S_j = E[(1-p)^floor((n+j)/k)], n ~
    Poisson(lambda t) the phases in (T, T+t]; a roots-of-unity filter over n mod k gives it in closed
    form, S_j = (1/k) sum_{c<k} sum_{l<k} (w_l)^(j-c) e^(-lambda t (1 - w_l)), w_l = omega^l (1-p)^(1/k),
    omega = e^(2 pi i / k) (checked against the Poisson sum before anything is written). Each term is a
    complex exponential in lambda, so the Gamma integral is analytic,
    int Gamma(lambda; r, alpha) lambda^m e^(-lambda u) = G(r+m)/G(r) alpha^r u^-(r+m) with complex u of
    positive real part, and the Beta integral over p is done by mpmath.quad (integrand at twice the
    working precision: the terms with j < c cancel as p -> 1):
        P(alive at T+t) = int Beta(p) (1-p)^(x+delta) sum_j d^j/j! G(s+j) Re[(1/k) sum_{c,l} w_l^(j-c)
                              (alpha+T+t(1-w_l))^-(s+j)] dp
                          / int Beta(p) [(1-p)^(x+delta) sum_j d^j/j! G(s+j) (alpha+T)^-(s+j)
                                         + [delta = 1 or x > 0] p (1-p)^(x+delta-1) G(s) (alpha+t_x)^-s] dp,
    s = r + kx. The new customer (acquired at 0) makes its m-th repeat purchase at phase mk if it
    survived the purchases before it (and the first when delta = 1), so
    E[X(t)] = int Beta(p) (1-p)^delta (1 - Re[(1/k) sum_{c,l} w_l^-c (alpha/(alpha+t(1-w_l)))^r]) / p dp.
    At k = 1 both are the MBG/NBD's and BG/NBD's (asserted against the functions above before writing).
    Written to ../resources/reference/future_alive_cnbd.csv (CDNOW parameters of cnbd_cdnow.csv at
    k = 2, 3, and the MBG/NBD and BG/NBD ones at k = 1).
At t = 0 the first quantity is P(alive) and the second 0.
"""
import os
from mpmath import mp, mpf, quad, beta as B, gamma as G, exp, log, inf, nstr, pi, factorial, rf, workdps

mp.dps = 30
HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, '..', 'resources', 'reference', 'future_alive_new_customer.csv')
OUT_CNBD = os.path.join(HERE, '..', 'resources', 'reference', 'future_alive_cnbd.csv')


def beta_density(a, b):
    norm = B(a, b)
    return lambda p: p ** (a - 1) * (1 - p) ** (b - 1) / norm


def bg_future_alive(r, alpha, a, b, shift, x, tx, T, t):
    f = beta_density(a, b)
    # Integrands scaled by (alpha+T)^(r+x) to be of order 1 (mpmath.quad's error bound is absolute).
    num = quad(lambda p: f(p) * (1 - p) ** (x + shift) * (1 + p * t / (alpha + T)) ** -(r + x), [0, 1])
    alive = quad(lambda p: f(p) * (1 - p) ** (x + shift), [0, 1])
    dead = 0
    if x + shift > 0:
        dead = (quad(lambda p: f(p) * p * (1 - p) ** (x + shift - 1), [0, 1])
                * ((alpha + T) / (alpha + tx)) ** (r + x))
    return num / (alive + dead)


def bg_new_customer(r, alpha, a, b, shift, t):
    f = beta_density(a, b)
    return quad(lambda p: f(p) * (1 - p) ** shift * (1 - (alpha / (alpha + p * t)) ** r) / p, [0, 1])


def gamma_density(s, beta):
    return lambda mu: beta ** s * mu ** (s - 1) * exp(-beta * mu) / G(s)


def pnbd_future_alive(r, alpha, s, beta, x, tx, T, t):
    g = gamma_density(s, beta)
    k = r + x

    def dead(mu):
        if tx == T:
            return mpf(0)
        return quad(lambda tau: mu * exp(-mu * tau) * ((alpha + T) / (alpha + tau)) ** k, [tx, T])

    # Everything scaled by (alpha+T)^k to be of order 1 (mpmath.quad's error bound is absolute).
    num = quad(lambda mu: g(mu) * exp(-mu * (T + t)), [0, 1, inf])
    alive = quad(lambda mu: g(mu) * exp(-mu * T), [0, 1, inf])
    gone = quad(lambda mu: g(mu) * dead(mu), [0, 1, inf])
    return num / (alive + gone)


def pnbd_new_customer(r, alpha, s, beta, t):
    g = gamma_density(s, beta)
    return r / alpha * quad(lambda mu: g(mu) * (-expm1_neg(mu * t)) / mu, [0, 1, inf])


def expm1_neg(y):
    return exp(-y) - 1


def roots(k, p):
    """w_l = omega^l (1-p)^(1/k), l < k, omega = e^(2 pi i / k)."""
    w = (1 - p) ** (mpf(1) / k)
    return [exp(2j * pi * l / k) * w for l in range(k)]


def survival_direct(j, k, mu, p):
    """E[(1-p)^floor((n+j)/k)], n ~ Poisson(mu), by the Poisson sum (for the self-check only)."""
    total, n, term = mpf(0), 0, exp(-mu)
    while n < 10 * mu + 100:
        total += term * (1 - p) ** ((n + j) // k)
        n += 1
        term *= mu / n
    return total


def survival_roots(j, k, mu, p):
    """The same by the roots-of-unity filter."""
    return sum(wl ** (j - c) * exp(-mu * (1 - wl)) for wl in roots(k, p) for c in range(k)).real / k


def cnbd_future_alive(k, r, alpha, a, b, delta, x, tx, T, t):
    f = beta_density(a, b)
    s, z = r + k * x, (T - tx) / (alpha + T)
    # Everything scaled by (alpha+T)^s / G(s) to be of order 1 (mpmath.quad's error bound is absolute):
    # the phase weights G(s+j)/G(s) (T-t_x)^j/j! (alpha+T)^-j
    weights = [rf(s, j) / factorial(j) * z ** j for j in range(k) if j == 0 or z > 0]

    def ahead(p):
        with workdps(2 * mp.dps):
            total = 0
            for wl in roots(k, p):
                for j, weight in enumerate(weights):
                    for c in range(k):
                        total += weight * wl ** (j - c) * (1 + t * (1 - wl) / (alpha + T)) ** -(s + j)
            return f(p) * (1 - p) ** (x + delta) * total.real / k

    def now(p):
        alive = (1 - p) ** (x + delta) * sum(weights)
        dead = 0
        if delta == 1 or x > 0:
            dead = p * (1 - p) ** (x + delta - 1) * ((alpha + T) / (alpha + tx)) ** s
        return f(p) * (alive + dead)

    return quad(ahead, [0, 1]) / quad(now, [0, 1])


def cnbd_new_customer(k, r, alpha, a, b, delta, t):
    f = beta_density(a, b)

    def integrand(p):
        with workdps(2 * mp.dps):
            stay = sum(wl ** -c * (alpha / (alpha + t * (1 - wl))) ** r
                       for wl in roots(k, p) for c in range(k)).real / k
            return f(p) * (1 - p) ** delta * (1 - stay) / p

    return quad(integrand, [0, 1])


MODELS = [
    # id, parameters (CDNOW estimates: FHL 2005; BTYDplus's MBG/NBD fit; Fader-Hardie note 009)
    ('bgnbd', ['0.2426', '4.4136', '0.7929', '2.4259']),
    ('mbgnbd', ['0.5248', '6.1831', '0.8914', '1.6140']),
    ('pnbd', ['0.5533', '10.5776', '0.6061', '11.6650']),
]
HISTORIES = [(0, '0', '38.86'), (2, '30.43', '38.86'), (7, '35.71', '38.86'), (2, '5', '38.86'),
             (15, '30', '32')]
HORIZONS = ['0', '1', '13', '52', '260']
CNBD_MODELS = [
    # id, delta, k, r, alpha, a, b: cnbd_cdnow.csv's CDNOW fits at k = 2, 3 (4 digits); at k = 1 the
    # MBG/NBD and BG/NBD parameters above
    ('mbgcnbd', 1, ['1', '0.5248', '6.1831', '0.8914', '1.6140']),
    ('mbgcnbd', 1, ['2', '0.5799', '2.288', '1.134', '1.585']),
    ('mbgcnbd', 1, ['3', '0.5330', '1.258', '1.289', '1.845']),
    ('bgcnbd', 0, ['1', '0.2426', '4.4136', '0.7929', '2.4259']),
    ('bgcnbd', 0, ['2', '0.2269', '1.463', '0.9440', '2.074']),
    ('bgcnbd', 0, ['3', '0.2195', '0.8334', '1.026', '2.094']),
]
# the BG/NBD histories above and a customer whose last purchase was at T
CNBD_HISTORIES = HISTORIES + [(3, '38.86', '38.86')]


def check_survival():
    for k in (1, 2, 3, 5):
        for j in range(k):
            for mu in (mpf('0.3'), mpf(7), mpf(40)):
                for p in (mpf('0.01'), mpf('0.4'), mpf('0.999')):
                    direct, filtered = survival_direct(j, k, mu, p), survival_roots(j, k, mu, p)
                    assert abs(direct - filtered) < mpf(10) ** -25, (k, j, mu, p, direct, filtered)


def cnbd_rows():
    check_survival()
    rows = []
    for model, delta, ps in CNBD_MODELS:
        k, p = int(ps[0]), [mpf(v) for v in ps[1:]]
        for x, tx, T in CNBD_HISTORIES:
            tx, T = mpf(tx), mpf(T)
            for t in HORIZONS:
                t = mpf(t)
                v = cnbd_future_alive(k, *p, delta, x, tx, T, t)
                if k == 1:
                    same = bg_future_alive(*p, delta, x, tx, T, t)
                    assert abs(v - same) < mpf(10) ** -20 * same, (model, x, tx, T, t, v, same)
                rows.append((model, ps, 'future_alive', x, tx, T, t, v))
        for t in HORIZONS[1:]:
            t = mpf(t)
            v = cnbd_new_customer(k, *p, delta, t)
            if k == 1:
                same = bg_new_customer(*p, delta, t)
                assert abs(v - same) < mpf(10) ** -20 * same, (model, t, v, same)
            rows.append((model, ps, 'new_customer', 0, mpf(0), mpf(0), t, v))
    return rows


def write(path, header, columns, rows):
    with open(path, 'w') as out:
        out.write(header)
        out.write('# tolerance: relative 1e-10\n')
        out.write(columns + ',quantity,x,t_x,T,t,value\n')
        for model, ps, q, x, tx, T, t, v in rows:
            out.write(','.join([model] + ps + [q, str(x), nstr(tx, 10), nstr(T, 10), nstr(t, 10),
                                                nstr(v, 20)]) + '\n')


def main():
    rows = []
    for model, ps in MODELS:
        p = [mpf(v) for v in ps]
        for x, tx, T in HISTORIES:
            tx, T = mpf(tx), mpf(T)
            for t in HORIZONS:
                t = mpf(t)
                if model == 'pnbd':
                    v = pnbd_future_alive(*p, x, tx, T, t)
                else:
                    v = bg_future_alive(*p, 1 if model == 'mbgnbd' else 0, x, tx, T, t)
                rows.append((model, ps, 'future_alive', x, tx, T, t, v))
        for t in HORIZONS[1:]:
            t = mpf(t)
            if model == 'pnbd':
                v = pnbd_new_customer(*p, t)
            else:
                v = bg_new_customer(*p, 1 if model == 'mbgnbd' else 0, t)
            rows.append((model, ps, 'new_customer', 0, mpf(0), mpf(0), t, v))
    write(OUT, '# source: independent computation, clv-models/src/test/python/future_alive_reference.py'
               ' (mpmath, 30 digits): P(alive) at T + t and a new customer\'s E[X(t)] of the BG/NBD,'
               ' MBG/NBD and Pareto/NBD as quadratures over the mixing distributions\n',
          'model,p1,p2,p3,p4', rows)
    write(OUT_CNBD, '# source: independent computation, clv-models/src/test/python/future_alive_reference.py'
                    ' (mpmath, 30 digits): P(alive) at T + t and a new customer\'s E[X(t)] of the MBG/CNBD-k'
                    ' and BG/CNBD-k (k = 1, 2, 3) as quadratures over the drop-out probability of closed-form'
                    ' integrals over the phase rate (roots-of-unity filter over the Erlang phases)\n',
          'model,k,r,alpha,a,b', cnbd_rows())

if __name__ == '__main__':
    main()
