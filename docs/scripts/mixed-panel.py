#!/usr/bin/env python3
"""Writes the synthetic panel of docs/evidence.md to stdout: four symbols with autocorrelated daily log returns
(AR(1), phi 0.25 to 0.35) and four random walks, 2,000 consecutive days each, 1% daily noise, seeded.

    python3 docs/scripts/mixed-panel.py > mixed-panel.csv
"""
import datetime
import math
import random

random.seed(7)
print("symbol,date,close")
start = datetime.date(2001, 1, 1)
for name, phi in [("AR1", 0.35), ("AR2", 0.3), ("AR3", 0.35), ("AR4", 0.25),
                  ("RW1", 0), ("RW2", 0), ("RW3", 0), ("RW4", 0)]:
    close, r = 100.0, 0.0
    for d in range(2000):
        if d > 0:
            r = phi * r + 0.01 * random.gauss(0, 1)
            close *= math.exp(r)
        print(f"{name},{start + datetime.timedelta(days=d)},{close:.4f}")
