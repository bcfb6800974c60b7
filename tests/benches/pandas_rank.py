"""Times the 63 x 6 re-rank in pandas, the baseline of issue 3:
DataFrame.mul(w).sum(axis=1).rank(method="min", ascending=False).

Same shape as `xephang bench` (scores uniform in 0..1 rounded to 4 decimals, weights 1..6,
one weight nudged per re-rank, weights normalised). Prints one JSON line like `xephang bench`.
"""
import json
import time

import numpy as np
import pandas as pd

rng = np.random.default_rng(1)
df = pd.DataFrame(np.round(rng.random((63, 6)), 4), columns=[f"c{i}" for i in range(6)])
base = np.arange(1.0, 7.0)

def rerank(i):
    w = base.copy()
    w[i % 6] += 0.25
    w = pd.Series(w / w.sum(), index=df.columns)
    return df.mul(w).sum(axis=1).rank(method="min", ascending=False)

for i in range(200):  # warm-up
    rerank(i)
per_batch, batches = 100, 101
times = []
for b in range(batches):
    start = time.perf_counter_ns()
    for i in range(per_batch):
        rerank(b + i)
    times.append((time.perf_counter_ns() - start) / per_batch)
times.sort()
print(json.dumps({"case": "pandas_rerank_63x6", "units": 63, "categories": 6,
                  "median_ns": round(times[len(times) // 2]), "runs": per_batch * batches,
                  "pandas": pd.__version__}))
