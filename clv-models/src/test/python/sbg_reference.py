"""Independent shifted-beta-geometric reference values for clv-models tests (mpmath, 40 digits).

Run from this directory: python3 sbg_reference.py  (rewrites ../resources/reference/sbg_independent.csv).
Values come from the definitions of Fader & Hardie (2007), J. Interactive Marketing 21(1), and
Fader & Hardie (2010), Marketing Science 29(1), summed directly rather than through the 2F1 closed
forms the Java code uses:
  - S(t) = prod_{j<t} (beta+j)/(alpha+beta+j);
  - DEL(d) = sum_{t>=0} S(t)/(1+d)^t;
  - DERL(d, n) = sum_{t>=n} S(t)/S(n-1)/(1+d)^(t-n), by mpmath.nsum;
  - E[T] = E[1/theta], the integral of theta^-1 against the Beta(alpha, beta) density (mpmath.quad);
  - for tiny discount rates (1e-9, 1e-12), where the sums converge too slowly, DEL and DERL as integrals
    over theta: DEL(d) = (1+d) E[1/(d+theta)], theta ~ Beta(alpha, beta), and
    DERL(d, n) = (1+d) E[(1-theta)/(d+theta)], theta ~ Beta(alpha, beta+n-1) (mpmath.quad, split at
    d, 10d, 100d, ... so that the peak near theta = 0 is resolved).
Each DERL and DEL value is also checked against mpmath's hyp2f1 closed form before it is written.
"""
from mpmath import mp, mpf, nsum, inf, quad, hyp2f1, beta as B

mp.dps = 40


def S(a, b, t):
    return B(a, b + t) / B(a, b)


def derl(a, b, d, n):
    z = 1 / (1 + mpf(d))
    return nsum(lambda t: S(a, b, t) / S(a, b, n - 1) * z ** (t - n), [n, inf])


def dell(a, b, d):
    z = 1 / (1 + mpf(d))
    return nsum(lambda t: S(a, b, t) * z ** t, [0, inf])


def split(d):
    points = [mpf(0)]
    p = mpf(d)
    while p < 1:
        points.append(p)
        p *= 10
    return points + [mpf(1)]


def derl_integral(a, b, d, n):
    d = mpf(d)
    return (1 + d) * quad(lambda th: th ** (a - 1) * (1 - th) ** (b + n - 1) / (d + th), split(d)) / B(
        a, b + n - 1)


def del_integral(a, b, d):
    d = mpf(d)
    return (1 + d) * quad(lambda th: th ** (a - 1) * (1 - th) ** (b - 1) / (d + th), split(d)) / B(a, b)


def checked(value, closed):
    assert abs(value - closed) <= mpf("1e-25") * abs(closed), (value, closed)
    return value


def lifetime(a, b):
    return quad(lambda th: th ** (a - 2) * (1 - th) ** (b - 1), [0, mpf(1) / 2, 1]) / B(a, b)


def f(v):
    return mp.nstr(v, 20, min_fixed=-30, max_fixed=30)


rows = []
for a, b, d in [("3.80", "15.20", "0.10"), ("0.668", "3.806", "0.10"), ("0.704", "1.182", "0.01"),
                ("25", "0.5", "0.05")]:
    A, Bb = mpf(a), mpf(b)
    z = 1 / (1 + mpf(d))
    rows.append((a, b, d, "0", "del", f(checked(dell(A, Bb, d), hyp2f1(1, Bb, A + Bb, z)))))
    for n in (1, 2, 3, 4, 5, 12, 100):
        closed = (Bb + n - 1) / (A + Bb + n - 1) * hyp2f1(1, Bb + n, A + Bb + n, z)
        rows.append((a, b, d, str(n), "derl", f(checked(derl(A, Bb, d, n), closed))))
for a, b, d in [("3.80", "15.20", "1e-9"), ("0.668", "3.806", "1e-9"), ("0.704", "1.182", "1e-12"),
                ("1", "2", "1e-9")]:
    A, Bb = mpf(a), mpf(b)
    z = 1 / (1 + mpf(d))
    rows.append((a, b, d, "0", "del", f(checked(del_integral(A, Bb, d), hyp2f1(1, Bb, A + Bb, z)))))
    for n in (1, 5, 100):
        closed = (Bb + n - 1) / (A + Bb + n - 1) * hyp2f1(1, Bb + n, A + Bb + n, z)
        rows.append((a, b, d, str(n), "derl", f(checked(derl_integral(A, Bb, d, n), closed))))
for a, b in [("3.80", "15.20"), ("25", "0.5")]:
    A, Bb = mpf(a), mpf(b)
    rows.append((a, b, "0", "0", "expected_lifetime", f(lifetime(A, Bb))))
for a, b in [("0.668", "3.806"), ("0.704", "1.182")]:
    A, Bb = mpf(a), mpf(b)
    for t in (1, 7, 12, 1000):
        rows.append((a, b, "0", str(t), "survival", f(S(A, Bb, t))))

with open("../resources/reference/sbg_independent.csv", "w") as out:
    out.write("# source: independent computation, clv-models/src/test/python/sbg_reference.py (mpmath, 40"
              " digits), direct sums of the sBG survival function of Fader & Hardie (2007, 2010)\n")
    out.write("# tolerance: relative 1e-12\n")
    out.write("alpha,beta,discount,n,quantity,value\n")
    for r in rows:
        out.write(",".join(r) + "\n")
