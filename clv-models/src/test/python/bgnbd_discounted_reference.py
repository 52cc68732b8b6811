"""Independent reference values of the BG/NBD and MBG/NBD discounted expected purchases.

Writes clv-models/src/test/resources/reference/bgnbd_discounted.csv with mpmath at 50 significant
digits: D(n, d | x, t_x, T) = sum_{k=1..n} (E[Y(k)] - E[Y(k-1)]) / (1+d)^k, each E[Y(k) | x, t_x, T]
from the published closed form (FHL 2005 eq. 10 for the BG/NBD; BTYDplus
mbgcnbd.ConditionalExpectedTransactions with k = 1 for the MBG/NBD) with mpmath's hyp2f1, times
P(alive) (Fader, Hardie & Lee 2008, note 021; BTYDplus mbgcnbd.PAlive). Where a = 1 the closed form
is 0/0 and a = 1 + 1e-30 is used. This is the definition of the quantity, not the power series that
clvkit evaluates, so it checks the series (Pfaff's transformation, the discount weights, the
truncation) as well as the per-period path.

Rows with n/(alpha+T) <= 1/2 are served by the series; the others by the per-period path. The
tolerance column says how close clvkit must be: 1e-13 relative for the series, 1e-9 for the
per-period path (whose closed form loses digits to cancellation when t is small against alpha+T,
and is interpolated within 1e-4 of a = 1 to about 1e-7, for which rows the tolerance is 1e-6).

Run: python3 bgnbd_discounted_reference.py  (from this directory; needs mpmath)
"""
import os
from mpmath import mp, mpf, hyp2f1

mp.dps = 50
OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'reference')

PARAMS = [
    ('0.243', '4.414', '0.793', '2.426'),       # CDNOW BG/NBD
    ('0.525', '6.183', '0.891', '1.614'),       # CDNOW MBG/NBD
    ('0.5', '2', '0.3', '0.4'),                 # a + b < 1: c = a+b-1 < 0 at x = 0
    ('1.2', '3', '1.000001', '2'),              # a within 1e-4 of 1: the closed form is interpolated
    ('0.7', '1.5', '1', '0.5'),                 # a = 1 exactly
    ('5', '40', '3', '8'),                      # a > 1
    ('0.05', '0.5', '0.05', '0.2'),             # small
]
HISTORIES = [
    (0, '0', '39'), (0, '0', '41.05'), (2, '30.43', '38.86'), (7, '29.22', '38.58'),
    (29, '35', '36'), (1, '0.5', '80'), (150, '70', '75'),
]
HORIZONS = [(1, '0'), (12, '0.01'), (12, '0.15'), (36, '0.005'), (104, '0.002')]


def near_one(a):
    return a + mpf(10) ** -30 if a == 1 else a


def palive(p, s, x, tx, T):
    r, al, a, b = p
    if x + s == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x + s - 1) * ((al + T) / (al + tx)) ** (r + x))


def alive_expectation(p, s, x, T, t):
    r, al, a, b = p
    a = near_one(a)
    A = r + x
    ap = al + T
    B = b + x + s
    C = a + B - 1
    z = t / (ap + t)
    return C / (a - 1) * (1 - (ap / (ap + t)) ** A * hyp2f1(A, B, C, z))


def discounted(p, s, x, tx, T, n, d):
    v = 1 / (1 + d)
    total = mpf(0)
    previous = mpf(0)
    for k in range(1, n + 1):
        e = alive_expectation(p, s, x, T, mpf(k))
        total += (e - previous) * v ** k
        previous = e
    return palive(p, s, x, tx, T) * total


def main():
    path = os.path.join(OUT, 'bgnbd_discounted.csv')
    with open(path, 'w') as f:
        f.write('# source: independent computation with mpmath 1.3.0 at 50 digits of the discounted expected purchases '
                'sum_k (E[Y(k)] - E[Y(k-1)]) / (1+d)^k times P(alive),\n')
        f.write('# source: E[Y(t)] from FHL 2005 eq. 10 (shift 0) and BTYDplus mbgcnbd.ConditionalExpectedTransactions k = 1 (shift 1), '
                'by clv-models/src/test/python/bgnbd_discounted_reference.py\n')
        f.write('# tolerance: per row, relative: 1e-13 where periods/(alpha+age) <= 1/2 (the series), '
                '1e-9 otherwise (the per-period closed form), 1e-6 within 1e-4 of a = 1 on the per-period path\n')
        f.write('shift,r,alpha,a,b,frequency,recency,age,periods,discount,value,tolerance\n')
        for p_text in PARAMS:
            p = [mpf(v) for v in p_text]
            for s in (0, 1):
                for x, tx, T in HISTORIES:
                    tx_ = mpf(tx)
                    T_ = mpf(T)
                    for n, d in HORIZONS:
                        value = discounted(p, s, x, tx_, T_, n, mpf(d))
                        series = n / (p[1] + T_) <= mpf(1) / 2
                        if series:
                            tol = '1e-13'
                        elif abs(p[2] - 1) < mpf('1e-4'):
                            tol = '1e-6'
                        else:
                            tol = '1e-9'
                        f.write(','.join([str(s), *p_text, str(x), tx, T, str(n), d,
                                          mp.nstr(value, 25, strip_zeros=False), tol]) + '\n')


if __name__ == '__main__':
    main()
