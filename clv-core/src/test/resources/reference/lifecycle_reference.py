"""Independent reference values for clv-core's lifecycle Markov tests (org.clvkit.core.lifecycle).

Run with Python 3 and mpmath (40 significant digits): python3 lifecycle_reference.py
It rewrites pfeifer_carraway_2000.csv and winback_stationary.csv next to this file. The tests never
call Python; they read the committed CSVs.

Pfeifer & Carraway (2000), "Modeling customer relationships as Markov chains", Journal of Interactive
Marketing 14(2), 43-55, illustrate their model with five recency states (1 = bought last period, ...,
5 = former customer, absorbing), purchase probabilities p = (0.30, 0.20, 0.15, 0.05, 0) by recency, net
contribution NC = 40 per purchase, marketing cost M = 4 per period to states 1-4, discount rate d = 0.2:
P[i][0] = p_i, P[i][i+1] = 1 - p_i, P[4][4] = 1 and R = (NC - M, -M, -M, -M, 0).
Values: V_T = sum_{t=0}^{T} (P/(1+d))^t R and V = (I - P/(1+d))^-1 R; absorbing-chain quantities
from N = (I - Q)^-1 (Grinstead & Snell, Introduction to Probability, section 11.2), all by exact
rational-to-40-digit linear algebra in mpmath, independent of the Java code.
"""
import os
from mpmath import mp, mpf, matrix, inverse, eye, nstr

mp.dps = 40
HERE = os.path.dirname(os.path.abspath(__file__))


def fmt(x):
    return nstr(x, 25, strip_zeros=False, min_fixed=-30, max_fixed=30)


def pc_chain():
    p = [mpf("0.30"), mpf("0.20"), mpf("0.15"), mpf("0.05"), mpf(0)]
    P = matrix(5, 5)
    for i in range(4):
        P[i, 0] = p[i]
        P[i, i + 1] = 1 - p[i]
    P[4, 4] = 1
    R = matrix([36, -4, -4, -4, 0])
    return P, R


def pfeifer_carraway():
    P, R = pc_chain()
    d = mpf("0.2")
    F = P / (1 + d)
    rows = []
    V = inverse(eye(5) - F) * R
    rows.append(("value", "inf", [V[i] for i in range(5)]))
    for T in (0, 1, 4, 10, 50):
        acc = matrix(5, 1)
        term = R.copy()
        for t in range(T + 1):
            acc += term
            term = F * term
        rows.append(("value", str(T), [acc[i] for i in range(5)]))
    Q = P[0:4, 0:4]
    N = inverse(eye(4) - Q)
    for i in range(4):
        rows.append(("fundamental_%d" % (i + 1), "-", [N[i, j] for j in range(4)] + [mpf(0)]))
    life = [sum(N[i, j] for j in range(4)) for i in range(4)] + [mpf(0)]
    rows.append(("lifetime", "-", life))
    for h in (1, 3, 12):
        Ph = P ** h
        rows.append(("churn_by", str(h), [Ph[i, 4] for i in range(5)]))
    with open(os.path.join(HERE, "pfeifer_carraway_2000.csv"), "w") as f:
        f.write("# source: Pfeifer & Carraway (2000), J. Interactive Marketing 14(2) 43-55, recency-state\n")
        f.write("# source: example (p = 0.30, 0.20, 0.15, 0.05; NC = 40; M = 4; d = 0.2); values computed\n")
        f.write("# source: independently with mpmath at 40 digits by lifecycle_reference.py in this folder\n")
        f.write("# tolerance: relative 1e-12 or absolute 1e-12\n")
        f.write("quantity,horizon,s1,s2,s3,s4,s5\n")
        for q, h, vals in rows:
            f.write(",".join([q, h] + [fmt(v) for v in vals]) + "\n")


def winback_stationary():
    # A 5-stage default-stage chain with win-back (CHURNED -> NEW/DEVELOPING); stationary distribution
    # solves pi (I - P) = 0 with sum(pi) = 1, by mpmath's LU on the system with one equation replaced.
    P = matrix([
        ["0.50", "0.30", "0",    "0.20", "0"],
        ["0",    "0.55", "0.25", "0.20", "0"],
        ["0",    "0",    "0.85", "0.15", "0"],
        ["0",    "0.20", "0.20", "0.30", "0.30"],
        ["0.04", "0.01", "0",    "0",    "0.95"],
    ])
    P = matrix([[mpf(P[i, j]) for j in range(5)] for i in range(5)])
    A = (eye(5) - P).T
    for j in range(5):
        A[4, j] = 1
    b = matrix([0, 0, 0, 0, 1])
    pi = mp.lu_solve(A, b)
    with open(os.path.join(HERE, "winback_stationary.csv"), "w") as f:
        f.write("# source: stationary distribution of the win-back chain in LifecycleModelTest, computed\n")
        f.write("# source: independently with mpmath at 40 digits by lifecycle_reference.py in this folder\n")
        f.write("# tolerance: absolute 1e-14\n")
        f.write("stage,pi\n")
        for i in range(5):
            f.write("%d,%s\n" % (i, fmt(pi[i])))


if __name__ == "__main__":
    pfeifer_carraway()
    winback_stationary()
