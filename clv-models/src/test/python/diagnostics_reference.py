"""Independent reference values for the clv-models diagnostics tests on CDNOW (mpmath, 30 digits).

Run from this directory: python3 diagnostics_reference.py  (rewrites
../resources/reference/diagnostics_cdnow_bgnbd_*.csv).

Data: the CDNOW sample log clv-core/src/test/resources/data/CDNOW_sample.txt (2,357 customers), read
here with the literature's conventions and without clvkit code: purchases of a customer on the same day
merged; a purchase dated D happens at the start of D; time in weeks (7 days) from 1997-01-01;
calibration = purchases dated up to and including 1997-09-30, age T measured to the start of 1997-09-30;
holdout = purchases dated 1997-10-01 to 1998-06-30 (39 weeks).

Model: BG/NBD with the parameters of Fader, Hardie & Lee (2005), "Counting your customers the easy way",
Marketing Science 24(2): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, and its formulas:
  - P(X(t) = x): eq. (8);
  - E[X(t)]: eq. (9), with mpmath's hyp2f1;
  - E[Y(t) | x, t_x, T]: eq. (10).
Outputs:
  - period_transactions: expected number of customers with 0..6 and 7+ repeat purchases in calibration,
    sum over customers of P(X(T_i) = x), and the actual counts;
  - calibration_holdout: per calibration frequency 0..6 and 7+, customers, mean actual holdout purchases
    and mean E[Y(39) | x, t_x, T];
  - tracking: cumulative repeat purchases of the cohort at weeks 1..78, actual (repeat purchases at or
    before the week) and expected, sum over customers of E[X(t - s_i)] for first-purchase time s_i < t.
"""
from collections import defaultdict
from datetime import date
from mpmath import mp, mpf, beta, gamma, hyp2f1, factorial, nstr

mp.dps = 30
R, ALPHA, A, B = mpf("0.243"), mpf("4.414"), mpf("0.793"), mpf("2.426")
ORIGIN = date(1997, 1, 1)
CAL_END = date(1997, 9, 30)
HOLDOUT_END = date(1998, 6, 30)
LOG = "../../../../clv-core/src/test/resources/data/CDNOW_sample.txt"
OUT = "../resources/reference/"


def weeks(d):
    return mpf((d - ORIGIN).days) / 7


def p_x(x, t):
    t = mpf(t)
    nbd = gamma(R + x) / (gamma(R) * factorial(x)) * (ALPHA / (ALPHA + t)) ** R * (t / (ALPHA + t)) ** x
    p = beta(A, B + x) / beta(A, B) * nbd
    if x > 0:
        tail = sum(gamma(R + j) / (gamma(R) * factorial(j)) * (t / (ALPHA + t)) ** j for j in range(x))
        p += beta(A + 1, B + x - 1) / beta(A, B) * (1 - (ALPHA / (ALPHA + t)) ** R * tail)
    return p


def expected(t):
    t = mpf(t)
    if t <= 0:
        return mpf(0)
    return (A + B - 1) / (A - 1) * (1 - (ALPHA / (ALPHA + t)) ** R * hyp2f1(R, B, A + B - 1, t / (ALPHA + t)))


def conditional(t, x, tx, T):
    t, tx, T = mpf(t), mpf(tx), mpf(T)
    num = (A + B + x - 1) / (A - 1) * (
        1 - ((ALPHA + T) / (ALPHA + T + t)) ** (R + x) * hyp2f1(R + x, B + x, A + B + x - 1, t / (ALPHA + T + t)))
    den = 1 + (A / (B + x - 1) * ((ALPHA + T) / (ALPHA + tx)) ** (R + x) if x > 0 else 0)
    return num / den


def customers():
    days = defaultdict(set)
    with open(LOG) as f:
        for line in f:
            cells = line.split()
            if not cells:
                continue
            d = cells[2]
            days[cells[1]].add(date(int(d[:4]), int(d[4:6]), int(d[6:])))
    out = []
    for cid, ds in days.items():
        ds = sorted(ds)
        first = ds[0]
        cal = [d for d in ds if d <= CAL_END]
        hold = [d for d in ds if CAL_END < d <= HOLDOUT_END]
        out.append({
            "first": first,
            "x": len(cal) - 1,
            "tx": mpf((cal[-1] - first).days) / 7,
            "T": mpf((CAL_END - first).days) / 7,
            "holdout": len(hold),
            "repeats": [weeks(d) for d in ds[1:]],
        })
    return out


def main():
    cs = customers()
    assert len(cs) == 2357
    header = ("# source: independent computation, clv-models/src/test/python/diagnostics_reference.py (mpmath, 30 digits), "
              "BG/NBD formulas of Fader, Hardie & Lee (2005), Marketing Science 24(2), eqs. (8)-(10), on the CDNOW sample log\n"
              "# parameters: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 (the paper's fit)\n")

    by_age = defaultdict(int)
    actual = defaultdict(int)
    for c in cs:
        by_age[c["T"]] += 1
        actual[min(c["x"], 7)] += 1
    exp = [mpf(0)] * 8
    for T, n in by_age.items():
        cum = mpf(0)
        for x in range(7):
            p = p_x(x, T)
            cum += p
            exp[x] += n * p
        exp[7] += n * (1 - cum)
    with open(OUT + "diagnostics_cdnow_bgnbd_period_transactions.csv", "w") as f:
        f.write(header + "# tolerance: expected relative 1e-9; actual exact\n")
        f.write("purchases,actual,expected\n")
        for x in range(8):
            f.write("%s,%d,%s\n" % (str(x) if x < 7 else "7+", actual[x], nstr(exp[x], 20)))

    groups = defaultdict(lambda: [0, 0, mpf(0)])
    for c in cs:
        g = groups[min(c["x"], 7)]
        g[0] += 1
        g[1] += c["holdout"]
        g[2] += conditional(39, c["x"], c["tx"], c["T"])
    with open(OUT + "diagnostics_cdnow_bgnbd_calibration_holdout.csv", "w") as f:
        f.write(header + "# holdout: 39 weeks, 1997-10-01 to 1998-06-30\n"
                "# tolerance: predicted relative 1e-9; customers and actual exact (actual as a fraction)\n")
        f.write("frequency,customers,actual_sum,predicted\n")
        for x in range(8):
            n, h, p = groups[x]
            f.write("%s,%d,%d,%s\n" % (str(x) if x < 7 else "7+", n, h, nstr(p / n, 20)))

    firsts = defaultdict(int)
    for c in cs:
        firsts[weeks(c["first"])] += 1
    repeats = sorted(t for c in cs for t in c["repeats"])
    with open(OUT + "diagnostics_cdnow_bgnbd_tracking.csv", "w") as f:
        f.write(header + "# weeks from 1997-01-01; actual = repeat purchases at or before the week\n"
                "# tolerance: expected relative 1e-9; actual exact\n")
        f.write("week,actual_cumulative,expected_cumulative\n")
        for k in range(1, 79):
            act = sum(1 for t in repeats if t <= k)
            e = sum(n * expected(k - s) for s, n in firsts.items() if s < k)
            f.write("%d,%d,%s\n" % (k, act, nstr(e, 20)))


if __name__ == "__main__":
    main()
