"""Independent reference for the Pareto/NBD corner of issue 12, part 4.

r = s = 0.001, alpha = 1e4, beta = 0.1, T = 0.01 and x from 1e5 to 3e6, where every series for
2F1(a, b; a+1; z) (a = r+s+x near 1e6, 1 - z near 1e-5) exceeded its term cap. Computed from
Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions"
(Hardie's note 009), eq. 18, with the integral J = int_{t_x}^T (alpha+tau)^-(r+x) (beta+tau)^-(s+1)
dtau evaluated by mpmath quadrature at 60 digits (no hypergeometric function involved), and
P(alive) and E[Y(t) | x, t_x, T] (note 009, eq. 22 and Fader, Hardie & Lee 2005, eq. 23 of the
Pareto/NBD note) from the same terms. Also ln 2F1(a, s+1; a+1; z(t)) at t = t_x by mpmath.hyp2f1.

Run: python3 paretonbd_corner_reference.py > ../resources/reference/paretonbd_corner.csv
"""
import mpmath as mp

mp.mp.dps = 60
r, alpha, s, beta = mp.mpf("0.001"), mp.mpf(10000), mp.mpf("0.001"), mp.mpf("0.1")
T = mp.mpf("0.01")
t = 1

print("# source: src/test/python/paretonbd_corner_reference.py (mpmath 1.3, 60 digits; note 009 eq. 18 with J by quadrature, 2F1 by mpmath.hyp2f1)")
print("# parameters: r = 0.001, alpha = 10000, s = 0.001, beta = 0.1; age T = 0.01; E[Y(t)] at t = 1")
print("# tolerance: logLikelihood 1e-12 relative, pAlive 1e-12 absolute, expected 1e-10 relative, log2F1 1e-11 relative (measured 3.2e-12 at x = 3e6)")
print("frequency,recency,logLikelihood,pAlive,expected,log2F1")
for x in [100000, 300000, 1000000, 3000000]:
    for tx in ["0.001", "0.005", "0.009"]:
        tx = mp.mpf(tx)
        x = mp.mpf(x)
        alive = (alpha + T) ** (-(r + x)) * (beta + T) ** (-s)
        J = mp.quad(lambda u: (alpha + u) ** (-(r + x)) * (beta + u) ** (-(s + 1)), [tx, T])
        front = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(alpha) + s * mp.log(beta)
        ll = front + mp.log(alive + s * J)
        pa = alive / (alive + s * J)
        ey = (r + x) * (beta + T) / ((alpha + T) * (s - 1)) * (1 - ((beta + T) / (beta + T + t)) ** (s - 1)) * pa
        a = r + s + x
        z = (alpha - beta) / (alpha + tx)
        lf = mp.log(mp.hyp2f1(a, s + 1, a + 1, z))
        print("%d,%s,%s,%s,%s,%s" % (int(x), mp.nstr(tx, 3), mp.nstr(ll, 20), mp.nstr(pa, 20), mp.nstr(ey, 20), mp.nstr(lf, 20)))
