#!/usr/bin/env python3
"""Independent reference values for org.clvkit.core.value tests (run: python3 value_reference.py).

Writes discounted_clv.csv, retention_curve_clv.csv and referral_chain.csv next to this script. Inputs
are taken at the exact value of the IEEE double that Java parses from the same text (D below), so the
references are the exact results for the Java inputs, rounded to 17 digits. Every value is computed from the model's definition by brute force in 50-digit arithmetic (mpmath) or exact
rationals (fractions), never from the closed forms that the Java code uses:
- discounted CLV: the explicit sum of discounted expected margins; the infinite horizon with mpmath.nsum;
- retention curve: the explicit sum over periods of margin * survival weight - spending, and the sum of
  weights (expected discounted lifetime), on the "regular" survival curve of Fader & Hardie (2007), "How
  to project customer retention", J. Interactive Marketing 21(1), Table 1 (percent alive, years 1-12);
- referral chain: the generation-g join distribution as the coefficients of P(z)^g, P(z) = sum rho_t z^t,
  in exact rationals, each join credited u = s V + (1 - s) A - w discounted to time 0.
"""
from fractions import Fraction as F
import mpmath as mp

mp.mp.dps = 50
HERE = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'


def D(x):
    """The exact value of the double nearest to x, as Java's Double.parseDouble gives it."""
    return mp.mpf(float(x))


def fmt(x):
    return mp.nstr(mp.mpf(x), 17, min_fixed=-30, max_fixed=30)


def discounted(m, r, d, g, timing, n):
    m, r, d, g = map(D, (m, r, d, g))
    if n == 'inf':
        if timing == 'START_OF_PERIOD':
            return mp.nsum(lambda k: m * (1 + g) ** k * r ** k / (1 + d) ** k, [0, mp.inf])
        return mp.nsum(lambda t: m * (1 + g) ** (t - 1) * r ** t / (1 + d) ** t, [1, mp.inf])
    if timing == 'START_OF_PERIOD':
        return mp.fsum(m * (1 + g) ** k * r ** k / (1 + d) ** k for k in range(n))
    return mp.fsum(m * (1 + g) ** (t - 1) * r ** t / (1 + d) ** t for t in range(1, n + 1))


def write_discounted():
    cases = []
    for timing in ('START_OF_PERIOD', 'END_OF_PERIOD'):
        for (m, r, d, g) in [(100, '0.9', '0.12', 0), (100, '0.8', '0.1', 0), (100, '0.6', '0.1', 0),
                             (250, '0.75', '0.08', '0.03'), (-40, '0.5', '0.15', '-0.2'),
                             (1, '1', '0.05', 0), (10, '0.999999', '0', 0), (10, '0', '0.1', 0)]:
            for n in (1, 5, 20, 100, 'inf'):
                if n == 'inf' and not (D(r) * (1 + D(g)) < 1 + D(d)):
                    continue
                cases.append((m, r, d, g, timing, n, discounted(m, r, d, g, timing, n)))
        # q > 1 on a finite horizon: growth outpaces discounting.
        for n in (30, 1000):
            cases.append((5, '0.95', '0.02', '0.1', timing, n, discounted(5, '0.95', '0.02', '0.1', timing, n)))
    with open(f'{HERE}/discounted_clv.csv', 'w') as f:
        f.write('# source: brute-force sums in 50-digit mpmath, value_reference.py in this directory\n')
        f.write('# tolerance: relative 1e-13\n')
        f.write('margin,retention,discount,growth,timing,periods,value\n')
        for (m, r, d, g, timing, n, v) in cases:
            f.write(f'{m},{r},{d},{g},{timing},{n},{fmt(v)}\n')


REGULAR = ['0.631', '0.468', '0.382', '0.326', '0.289', '0.262', '0.241', '0.223', '0.207', '0.194',
           '0.183', '0.173']


def curve(margins, survival, spending, d, timing, ac):
    d = D(d)
    s = [mp.mpf(1)] + [D(x) for x in survival]
    value, lifetime, cum, payback = -D(ac), mp.mpf(0), -D(ac), None
    if cum >= 0:
        payback = 0
    for t in range(1, len(margins) + 1):
        start = s[t - 1] / (1 + d) ** (t - 1)
        w = start if timing == 'START_OF_PERIOD' else s[t] / (1 + d) ** t
        pv = D(margins[t - 1]) * w - D(spending[t - 1]) * start
        value += pv
        lifetime += w
        cum += pv
        if payback is None and cum >= 0:
            payback = t
    return value, lifetime, payback


def write_curves():
    n = len(REGULAR)
    flat = ['100'] * n
    growing = [str(80 + 10 * t) for t in range(n)]
    spend = ['5'] * n
    none = ['0'] * n
    cases = []
    for timing in ('START_OF_PERIOD', 'END_OF_PERIOD'):
        cases.append(('flat', timing, '0.1', '0', flat, REGULAR, none))
        cases.append(('flat-cac', timing, '0.1', '150', flat, REGULAR, none))
        cases.append(('growing-spend-cac', timing, '0.12', '300', growing, REGULAR, spend))
        cases.append(('undiscounted-never', timing, '0', '1000', flat, REGULAR, spend))
    with open(f'{HERE}/retention_curve_clv.csv', 'w') as f:
        f.write('# source: explicit sums in 50-digit mpmath, value_reference.py in this directory; survival is\n')
        f.write('# source: the "regular" segment of Fader & Hardie (2007) J. Interactive Marketing 21(1), Table 1\n')
        f.write('# tolerance: relative 1e-13\n')
        f.write('case,timing,discount,acquisition_cost,margins,survival,spending,value,lifetime,payback\n')
        for (name, timing, d, ac, m, s, c) in cases:
            v, life, pb = curve(m, s, c, d, timing, ac)
            f.write(f'{name},{timing},{d},{ac},{";".join(m)},{";".join(s)},{";".join(c)},'
                    f'{fmt(v)},{fmt(life)},{"never" if pb is None else pb}\n')


def chain(schedule, s, v, a, w, d, direct, generations):
    rho = [F(float(x)) for x in schedule]
    s, v, a, w, d = (F(float(x)) for x in (s, v, a, w, d))
    u = s * v + (1 - s) * a - w
    poly = {0: F(1)}
    value, customers, last = F(0), F(0), F(0)
    for g in range(1, generations + 1):
        nxt = {}
        for tau, c in poly.items():
            for t, r in enumerate(rho, start=1):
                nxt[tau + t] = nxt.get(tau + t, F(0)) + c * r
        poly = nxt
        last = sum(u * c / (1 + d) ** tau for tau, c in poly.items())
        value += last
        customers += sum(poly.values())
    return value, customers, last


def write_chains():
    cases = [
        (['0.2', '0.2', '0.2'], '0.6', '400', '80', '25', '0.1', '500', 1),
        (['0.2', '0.2', '0.2'], '0.6', '400', '80', '25', '0.1', '500', 4),
        (['0.5', '0.3', '0.1', '0.05'], '0.3', '1200', '150', '40', '0.08', '900', 6),
        (['0.7', '0.5'], '1', '300', '0', '10', '0.15', '250', 5),
        (['0'], '0.5', '100', '50', '5', '0.1', '75', 3),
        (['0.25'], '0.8', '200', '60', '90', '0', '0', 8),
    ]
    with open(f'{HERE}/referral_chain.csv', 'w') as f:
        f.write('# source: exact rational arithmetic (coefficients of P(z)^g), value_reference.py in this directory\n')
        f.write('# tolerance: relative 1e-12 or absolute 1e-9\n')
        f.write('schedule,incremental_share,referred_value,acquisition_cost_saved,reward,discount,direct_value,'
                'generations,referral_value,referred_customers,last_generation_value\n')
        for (sch, s, v, a, w, d, direct, gens) in cases:
            val, cust, last = chain(sch, s, v, a, w, d, direct, gens)
            f.write(f'{";".join(sch)},{s},{v},{a},{w},{d},{direct},{gens},'
                    f'{fmt(mp.mpf(val.numerator) / val.denominator)},'
                    f'{fmt(mp.mpf(cust.numerator) / cust.denominator)},'
                    f'{fmt(mp.mpf(last.numerator) / last.denominator)}\n')


write_discounted()
write_curves()
write_chains()
