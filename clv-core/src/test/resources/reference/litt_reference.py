#!/usr/bin/env python3
"""Independent reference for the litt summary column (run: python3 litt_reference.py).

Writes cdnow_litt.csv next to this script: for every customer of the CDNOW sample
(../data/CDNOW_sample.txt; sample id in column 2, date yyyyMMdd in column 3) BTYDplus's litt
(Platzer and Reutterer 2016; BTYDplus elog2cbs: "sum of logarithmic intertransaction timings during
calibration period"), computed here from the definition, not from clvkit's code:
- purchases of a customer on the same date are merged into one (distinct dates);
- calibration purchases are those dated up to and including 1997-09-30;
- with the distinct calibration dates d_0 < d_1 < ... < d_x, litt = sum_j ln((d_j - d_{j-1}) / 7),
  times in weeks of 7 days; 0 when x = 0.
Each log is taken in 50-digit mpmath and the sum rounded to 17 significant digits once, so the
table is the exact value to 1e-16 relative; the Java sum of double logs agrees to within a few ulps
per term (the test allows absolute 1e-12).
"""
import datetime
import mpmath as mp

mp.mp.dps = 50
HERE = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'
CALIBRATION_END = datetime.date(1997, 9, 30)

days = {}
with open(HERE + '/../data/CDNOW_sample.txt', encoding='ascii') as f:
    for line in f:
        fields = line.split()
        if not fields:
            continue
        customer = int(fields[1])
        d = datetime.datetime.strptime(fields[2], '%Y%m%d').date()
        days.setdefault(customer, set()).add(d)

with open(HERE + '/cdnow_litt.csv', 'w', encoding='ascii', newline='\n') as out:
    out.write('# source: litt_reference.py in this directory (50-digit mpmath from the definition)\n')
    out.write('# tolerance: absolute 1e-12\n')
    out.write('id,x,litt\n')
    for customer in sorted(days):
        cal = sorted(d for d in days[customer] if d <= CALIBRATION_END)
        if not cal:
            continue
        total = mp.mpf(0)
        for a, b in zip(cal, cal[1:]):
            total += mp.log(mp.mpf((b - a).days) / 7)
        out.write('%d,%d,%s\n' % (customer, len(cal) - 1, mp.nstr(total, 17, strip_zeros=False)))
