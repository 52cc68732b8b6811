"""Independent reference values for the BG/NBD and MBG/NBD functions of clvkit.

Writes clv-models/src/test/resources/reference/bgnbd_functions.csv and mbgnbd_functions.csv with
mpmath at 50 significant digits, straight from the published closed forms:
  log-likelihood  FHL 2005 section 7; Batislam et al. 2007 / BTYDplus mbgcnbd.LL (k = 1)
  P(alive)        Fader, Hardie & Lee 2008 note 021; BTYDplus mbgcnbd.PAlive (k = 1)
  E[X(t)]         FHL 2005 eq. 9; Batislam et al. 2007: b/(a-1) [1 - (a/(a+t))^r 2F1(r, b+1; a+b; z)]
  E[Y(t) | ...]   FHL 2005 eq. 10; BTYDplus mbgcnbd.ConditionalExpectedTransactions (k = 1)
  P(X(t) = n)     FHL 2005 eq. 8 with the finite NBD sum; its MBG/NBD analogue (dropout at 0 allowed)
mpmath's hyp2f1 continues analytically to c = a+b-1 <= 0 (non-integer), so these rows do not use the
rearrangement clvkit uses there. Where a = 1 the closed forms are 0/0; the value is taken at
a = 1 + 1e-30. As a check of the closed forms the script compares E[X(t)] with a direct numerical
integral over the dropout probability p for a few rows.

Run: python3 bgnbd_reference.py  (from this directory; needs mpmath)
"""
import os
import mpmath
from mpmath import mp, mpf, hyp2f1, beta, loggamma, log, exp, quad

mp.dps = 50
OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'reference')

PARAMS = [
    ('0.2426', '4.4136', '0.7929', '2.4259'),   # CDNOW BG/NBD
    ('0.5248', '6.1831', '0.8914', '1.6140'),   # CDNOW MBG/NBD
    ('0.5', '2', '0.3', '0.4'),                 # a + b < 1: 2F1's c = a+b-1 < 0
    ('0.7', '1.5', '1', '0.5'),                 # a = 1 exactly, a + b < 2
    ('1.2', '3', '1.00003', '2'),               # a within 1e-4 of 1
    ('50', '100', '20', '300'),                 # large
    ('0.001', '0.001', '0.001', '0.001'),       # grid corner: all small
    ('1000', '1000', '1000', '1000'),           # grid corner: all large
    ('0.001', '1000', '1000', '0.001'),         # mixed corners
]
HISTORIES = [
    (0, '0', '0'), (0, '0', '0.5'), (0, '0', '39'), (2, '30.43', '38.86'), (1, '0.001', '1000'),
    (200, '38', '40'), (10000, '5000', '10000'), (37, '37', '37'),
]
HORIZONS = ['0.1', '1', '39', '1000']


def near_one(a):
    return a + mpf(10) ** -30 if a == 1 else a


def loglik(p, s, x, tx, T):
    r, al, a, b = p
    head = loggamma(r + x) - loggamma(r) + r * log(al) + log(beta(a, b + x + s)) - log(beta(a, b))
    alive = (al + T) ** (-(r + x))
    gone = a / (b + x + s - 1) * (al + tx) ** (-(r + x)) if x + s > 0 else 0
    return head + log(alive + gone)


def palive(p, s, x, tx, T):
    r, al, a, b = p
    if x + s == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x + s - 1) * ((al + T) / (al + tx)) ** (r + x))


def conditional(p, s, t, x, tx, T):
    r, al, a, b = p
    a = near_one(a)
    z = t / (al + T + t)
    if s == 0:   # FHL 2005 eq. 10
        c = a + b + x - 1
        g = c / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x, c, z))
    else:        # BTYDplus: (a+b+x)/(a-1) [1 - (.)^(r+x) 2F1(r+x, b+x+1; a+b+x; z)]
        c = a + b + x
        g = c / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x + 1, c, z))
    return palive(p, s, x, tx, T) * g


def expected(p, s, t):
    r, al, a, b = p
    a = near_one(a)
    z = t / (al + t)
    if s == 0:   # FHL 2005 eq. 9
        return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b, a + b - 1, z))
    return b / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b + 1, a + b, z))


def expected_by_integral(p, s, t):
    r, al, a, b = p
    # E[(1-p)^s (1 - (1 + p t / alpha)^-r) / p] over p ~ Beta(a, b)
    f = lambda q: q ** (a - 1) * (1 - q) ** (b - 1 + s) * (1 - (1 + q * t / al) ** (-r)) / q
    return quad(f, [0, mpf(10) ** -12, mpf(10) ** -6, mpf(1) / 1000, mpf(1) / 2, 1]) / beta(a, b)


def pmf(p, s, n, t):
    r, al, a, b = p
    q = al / (al + t)
    z = t / (al + t)
    nbd = lambda j: exp(loggamma(r + j) - loggamma(r) - loggamma(j + 1)) * q ** r * z ** j
    value = beta(a, b + n + s) / beta(a, b) * nbd(n)
    if n + s > 0:
        tail = 1 - sum(nbd(j) for j in range(n))
        value += beta(a + 1, b + n + s - 1) / beta(a, b) * tail
    return value


def fmt(v):
    return mp.nstr(v, 20, min_fixed=-30, max_fixed=30)


def write(name, s, model):
    rows = []
    for ps in PARAMS:
        p = tuple(mpf(v) for v in ps)
        for x, tx, T in HISTORIES:
            tx, T = mpf(tx), mpf(T)
            if T > 0:
                rows.append(('loglik', ps, x, tx, T, '', loglik(p, s, x, tx, T), 'relative', '1e-11', '1e-12'))
            rows.append(('palive', ps, x, tx, T, '', palive(p, s, x, tx, T), 'relative', '1e-11', '0'))
            for t in HORIZONS:
                tol = '1e-7' if abs(p[2] - 1) < mpf('1e-4') else '1e-8'
                rows.append(('conditional', ps, x, tx, T, t, conditional(p, s, mpf(t), x, tx, T),
                             'relative', tol, '0'))
        for t in HORIZONS:
            tol = '1e-7' if abs(p[2] - 1) < mpf('1e-4') else '1e-8'
            rows.append(('expected', ps, '', '', '', t, expected(p, s, mpf(t)), 'relative', tol, '0'))
            for n in (0, 1, 2, 5, 50):
                rows.append(('pmf', ps, n, '', '', t, pmf(p, s, n, mpf(t)), 'absolute', '1e-12', '1e-12'))
    # Self-check of the closed forms against the integral over p.
    for ps in PARAMS[:6]:
        p = tuple(mpf(v) for v in ps)
        for t in ('1', '39'):
            closed = expected(p, s, mpf(t))
            direct = expected_by_integral(p, s, mpf(t))
            assert abs(closed - direct) <= mpf('1e-12') * abs(direct), (ps, t, closed, direct)
    path = os.path.join(OUT, name)
    with open(path, 'w') as out:
        out.write('# source: independent computation with mpmath %s at 50 digits of the closed forms of %s,\n'
                  % (mpmath.__version__, model))
        out.write('# source: by clv-models/src/test/python/bgnbd_reference.py (see its docstring for the equations)\n')
        out.write('# tolerance: per row: |actual - value| <= tolerance (relative to |value| when kind is relative)'
                  ' or <= absolute (a floor for values near 0, where the log-likelihood cancels)\n')
        out.write('function,r,alpha,a,b,n,recency,age,t,value,kind,tolerance,absolute\n')
        for f, ps, n, tx, T, t, v, kind, tol, floor in rows:
            out.write(','.join([f, *ps, str(n), fmt(tx) if tx != '' else '', fmt(T) if T != '' else '',
                                t, fmt(v), kind, tol, floor]) + '\n')
    print(name, len(rows), 'rows')


write('bgnbd_functions.csv', 0, 'the BG/NBD (Fader, Hardie & Lee 2005, Marketing Science 24(2))')
write('mbgnbd_functions.csv', 1, 'the MBG/NBD (Batislam, Denizel & Filiztekin 2007, IJRM 24(3); BTYDplus)')
