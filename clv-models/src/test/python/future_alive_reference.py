"""Independent reference values for P(alive) at a future time and new-customer expectations of the
BG/NBD, MBG/NBD and Pareto/NBD (issue 18), mpmath at 30 digits.

Run from this directory: python3 future_alive_reference.py  (rewrites
../resources/reference/future_alive_new_customer.csv; needs mpmath).

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
At t = 0 the first quantity is P(alive) and the second 0.
"""
import os
from mpmath import mp, mpf, quad, beta as B, gamma as G, exp, log, inf, nstr

mp.dps = 30
HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, '..', 'resources', 'reference', 'future_alive_new_customer.csv')


def beta_density(a, b):
    norm = B(a, b)
    return lambda p: p ** (a - 1) * (1 - p) ** (b - 1) / norm


def bg_future_alive(r, alpha, a, b, shift, x, tx, T, t):
    f = beta_density(a, b)
    num = quad(lambda p: f(p) * (1 - p) ** (x + shift) * (alpha + T + p * t) ** -(r + x), [0, 1])
    alive = quad(lambda p: f(p) * (1 - p) ** (x + shift), [0, 1]) * (alpha + T) ** -(r + x)
    dead = 0
    if x + shift > 0:
        dead = quad(lambda p: f(p) * p * (1 - p) ** (x + shift - 1), [0, 1]) * (alpha + tx) ** -(r + x)
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
        return quad(lambda tau: mu * exp(-mu * tau) * (alpha + tau) ** -k, [tx, T])

    num = quad(lambda mu: g(mu) * exp(-mu * (T + t)), [0, 1, inf]) * (alpha + T) ** -k
    alive = quad(lambda mu: g(mu) * exp(-mu * T), [0, 1, inf]) * (alpha + T) ** -k
    gone = quad(lambda mu: g(mu) * dead(mu), [0, 1, inf])
    return num / (alive + gone)


def pnbd_new_customer(r, alpha, s, beta, t):
    g = gamma_density(s, beta)
    return r / alpha * quad(lambda mu: g(mu) * (-expm1_neg(mu * t)) / mu, [0, 1, inf])


def expm1_neg(y):
    return exp(-y) - 1


MODELS = [
    # id, parameters (CDNOW estimates: FHL 2005; BTYDplus's MBG/NBD fit; Fader-Hardie note 009)
    ('bgnbd', ['0.2426', '4.4136', '0.7929', '2.4259']),
    ('mbgnbd', ['0.5248', '6.1831', '0.8914', '1.6140']),
    ('pnbd', ['0.5533', '10.5776', '0.6061', '11.6650']),
]
HISTORIES = [(0, '0', '38.86'), (2, '30.43', '38.86'), (7, '35.71', '38.86'), (2, '5', '38.86'),
             (15, '30', '32')]
HORIZONS = ['0', '1', '13', '52', '260']


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
    with open(OUT, 'w') as out:
        out.write('# source: independent computation, clv-models/src/test/python/future_alive_reference.py'
                  ' (mpmath, 30 digits): P(alive) at T + t and a new customer\'s E[X(t)] of the BG/NBD,'
                  ' MBG/NBD and Pareto/NBD as quadratures over the mixing distributions\n')
        out.write('# tolerance: relative 1e-10\n')
        out.write('model,p1,p2,p3,p4,quantity,x,t_x,T,t,value\n')
        for model, ps, q, x, tx, T, t, v in rows:
            out.write(','.join([model] + ps + [q, str(x), nstr(tx, 10), nstr(T, 10), nstr(t, 10),
                                                nstr(v, 20)]) + '\n')


if __name__ == '__main__':
    main()
