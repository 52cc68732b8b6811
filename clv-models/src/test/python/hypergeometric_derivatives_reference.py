#!/usr/bin/env python3
"""Reference values for Hypergeometric.log2F1AndDerivatives: ln F and its partial derivatives in a,
b and z of F = 2F1(a, b; a+1; z), the Pareto/NBD likelihood's hypergeometric term (c tied to a + 1,
so that d/da moves c too).

Writes clv-models/src/test/resources/reference/hypergeometric_2f1_derivatives.csv. Run from the
repository root:

    python3 clv-models/src/test/python/hypergeometric_derivatives_reference.py

Requires mpmath (tested with 1.3.0). The tests never call Python; they read the committed table.

Two independent evaluations, which must agree to 1e-25 relative (a row that does not is left out
and printed):

* mpmath: ln hyp2f1(a, b, a+1, z) at 50 digits, and its derivatives by mpmath.diff (numerical
  differentiation at working precision) of that function in a (with c = a + 1), b and z;
* the defining series Σ_n (a)_n (b)_n / ((a+1)_n n!) z^n summed term by term at 60 digits with its
  analytic derivatives (d/da of a term is the term times Σ_{k<n} [1/(a+k) − 1/(a+1+k)], d/db the
  term times Σ_{k<n} 1/(b+k), d/dz the term times n/z); a different series from the Java code's
  (which sums Euler's transformation).

Rows: a from 0.02 to 5000, b from 0.005 to 40 with a − b + 1 > 0, z from 0 to 0.99 (beyond 0.9
the Java code takes its value from the transformation near z = 1 and its a and b derivatives from
central differences).
"""

import os

import mpmath

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference")


def by_mpmath(a, b, z):
    mpmath.mp.dps = 50
    a, b, z = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(z)
    f = lambda aa, bb, zz: mpmath.log(mpmath.hyp2f1(aa, bb, aa + 1, zz))
    value = f(a, b, z)
    da = mpmath.diff(lambda t: f(t, b, z), a)
    db = mpmath.diff(lambda t: f(a, t, z), b)
    dz = mpmath.diff(lambda t: f(a, b, t), z)
    return value, da, db, dz


def by_series(a, b, z, cap=200000):
    mpmath.mp.dps = 60
    a, b, z = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(z)
    term = mpmath.mpf(1)
    total = mpmath.mpf(1)
    total_a = mpmath.mpf(0)
    total_b = mpmath.mpf(0)
    total_z = mpmath.mpf(0)  # Σ n t_n, divided by z at the end (t_n / z for n = 1 at z = 0)
    pa = mpmath.mpf(0)
    pb = mpmath.mpf(0)
    tiny = mpmath.mpf(10) ** -50
    first = a * b / (a + 1)  # d/dz of F at z = 0
    for n in range(cap):
        # term n+1 from term n
        pa += 1 / (a + n) - 1 / (a + 1 + n)
        pb += 1 / (b + n)
        term *= (a + n) * (b + n) / ((a + 1 + n) * (n + 1)) * z
        total += term
        total_a += term * pa
        total_b += term * pb
        total_z += (n + 1) * term
        if z == 0 or (n > 10 and abs(term) * (n + 2) * (1 + abs(pa) + abs(pb)) < tiny * total * (1 - z) ** 2):
            break
    else:
        return None
    dz = first if z == 0 else total_z / z
    return mpmath.log(total), total_a / total, total_b / total, dz / total


def main():
    rows = []
    a_values = [0.02, 0.6, 1.2, 3.5, 30.5, 1000.5, 5000.0]
    b_values = [0.005, 0.9, 1.6, 2.0, 40.0]
    z_values = [0.0, 1e-9, 0.05, 0.3, 0.6, 0.85, 0.9, 0.95, 0.99]
    for a in a_values:
        for b in b_values:
            if a - b + 1 <= 0:
                continue
            for z in z_values:
                m = by_mpmath(a, b, z)
                s = by_series(a, b, z)
                if s is None:
                    print("series did not converge", a, b, z)
                    continue
                ok = all(abs(x - y) <= mpmath.mpf(10) ** -25 * max(1, abs(x)) for x, y in zip(m, s))
                if not ok:
                    print("disagree", a, b, z, m, s)
                    continue
                rows.append((a, b, z) + tuple(mpmath.nstr(v, 20, min_fixed=-3, max_fixed=6) for v in m))
    path = os.path.join(OUT, "hypergeometric_2f1_derivatives.csv")
    with open(path, "w") as out:
        out.write("# source: mpmath 1.3.0, ln hyp2f1(a, b, a+1, z) at 50 digits and mpmath.diff of it in a (c = a+1), b and z,\n")
        out.write("#   each value confirmed to 1e-25 by the 60-digit defining series with analytic derivatives;\n")
        out.write("#   clv-models/src/test/python/hypergeometric_derivatives_reference.py\n")
        out.write("# tolerance: z <= 0.9 relative 1e-13, or absolute 1e-15 for d_a and 1e-14 times the term Euler's form\n")
        out.write("#   subtracts for the others (log_f: 1 + |1-b| |ln(1-z)|, d_b: 1 + |ln(1-z)|, d_z: 1 + |b-1|/(1-z));\n")
        out.write("#   z > 0.9: relative 1e-12 or absolute 1e-13 on log_f, 1e-13 (1 + a/z) on d_z, relative 1e-5 or absolute 1e-7 on d_a, d_b\n")
        out.write("#   (central differences there)\n")
        out.write("a,b,z,log_f,d_a,d_b,d_z\n")
        for r in rows:
            out.write(",".join(str(v) for v in r) + "\n")
    print(len(rows), "rows to", path)


if __name__ == "__main__":
    main()
