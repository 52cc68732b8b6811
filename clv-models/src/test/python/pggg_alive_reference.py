"""Independent Pareto/GGG P(alive at T | x, t_x, T, litt; theta) for clv-models' pggg_alive.csv.

P(alive) = the likelihood's "alive at T" term integrated over k, lambda and mu, divided by the whole
likelihood (Platzer & Reutterer 2016, Marketing Science 35(5); the empirical-Bayes P(alive) at the
population parameters theta = (t, gamma, r, alpha, s, beta)). The alive integral as pggg_reference.py
integrates the likelihood: mu in closed form, k and lambda by nested adaptive scipy quadrature over
ln k and ln lambda -- lambda numerically, not through the incomplete beta function clvkit uses; the
whole likelihood is pggg_reference.py's, read from pggg_likelihood.csv (its 1e-6 absolute tolerance
on the log-likelihood is 1e-6 relative on P(alive)). Customers with x = 0 are left out for the
reason pggg_reference.py gives.
Run: python3 pggg_alive_reference.py > ../resources/reference/pggg_alive.csv
"""
import math
import os

from scipy import special

from pggg_reference import CUSTOMERS, PARAMETERS, loglik

def alive_term(p, x, tx, age, k, lam):
    t, gamma, r, alpha, s, beta = p
    return (beta / (beta + age)) ** s * special.gammaincc(k, k * lam * (age - tx))


def main():
    print("# source: independent computation by src/test/python/pggg_alive_reference.py (scipy 1.17 nested"
          " adaptive quadrature over ln k and ln lambda, mu in closed form): the alive term's integral over the"
          " likelihood of pggg_likelihood.csv; parameters from BTYDplus's Pareto/GGG recovery test and its vignette's"
          " grocery medians")
    print("# tolerance: 1e-6 absolute on P(alive) (the quadratures aim at 1e-7 to 1e-10 relative)")
    print("t,gamma,r,alpha,s,beta,x,t_x,T,litt,p_alive")
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "resources", "reference", "pggg_likelihood.csv")) as f:
        rows = [line.strip().split(",") for line in f if not line.startswith("#")][1:]
    likelihood = {tuple(float(v) for v in row[:10]): float(row[10]) for row in rows}
    for p in PARAMETERS:
        for x, tx, age, litt in CUSTOMERS:
            alive = loglik(p, x, tx, age, litt, alive_term)
            whole = likelihood[tuple(float(v) for v in p + (x, tx, age, litt))]
            print(",".join(repr(v) for v in p) + f",{x},{tx!r},{age!r},{litt!r},{math.exp(alive - whole):.12f}",
                  flush=True)


if __name__ == "__main__":
    main()
