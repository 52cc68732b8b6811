"""Independent check of the Gamma-Gamma spend of a customer not yet acquired (CLVTools' newcustomer.spending).

Run: python3 gammagamma_newcustomer_reference.py  (needs mpmath; prints the value GammaGammaModelTest checks).

A customer's transaction values are Gamma(p, nu) with mean p / nu; nu ~ Gamma(q, gamma) across customers, so a
new customer's expected spend per transaction is E[p / nu] = integral of (p / nu) times the Gamma(q, gamma) density,
here by mpmath.quad at 30 digits, against the closed form p gamma / (q - 1) (Fader & Hardie 2013, eq. 4; finite
only for q > 1). Parameters: the CDNOW estimates p = 6.2493, q = 3.7443, gamma = 15.4443 (Fader & Hardie 2013).
"""
from mpmath import mp, mpf, quad, gamma, exp, inf

mp.dps = 30
p, q, g = mpf('6.2493'), mpf('3.7443'), mpf('15.4443')


def density(v):
    return g ** q * v ** (q - 1) * exp(-g * v) / gamma(q)


by_quadrature = quad(lambda v: (p / v) * density(v), [0, 1, 10, inf])
print('E[Z] by quadrature', mp.nstr(by_quadrature, 20))
print('E[Z] closed form  ', mp.nstr(p * g / (q - 1), 20))
