"""The reach analysis of Benchmarks/workflow/python/07-audiences.ipynb (NumPy) on the same
propensities: 20-bucket histogram, cumulative reach, and the interval reach matrix. Prints JSON."""
import json
import sys
import time

import numpy as np
import pandas as pd

propensity = pd.read_csv(sys.argv[1]).propensity.to_numpy()
best = float("inf")
for _ in range(1 if "--smoke" in sys.argv else 5):
    started = time.perf_counter()
    counts, edges = np.histogram(propensity, bins=20, range=(0, 1))
    histogram = pd.DataFrame({"from": edges[:-1], "to": edges[1:], "profiles": counts})
    histogram.assign(below=np.cumsum(counts) - counts, above=counts[::-1].cumsum()[::-1])
    sorted_p = np.sort(propensity)
    lo_idx = np.searchsorted(sorted_p, edges, side="left")
    hi_idx = np.searchsorted(sorted_p, edges, side="right")
    matrix = pd.DataFrame(np.clip(hi_idx[None, :] - lo_idx[:, None], 0, None), index=np.round(edges, 2), columns=np.round(edges, 2))
    best = min(best, time.perf_counter() - started)
print(json.dumps({"numpy_reach_seconds": best}))
