#!/usr/bin/env python3
"""Summarises the runs of benchmarks/load/engine-jmh.sh: per benchmark and mode, the median over runs of the time
per request, JMH's gc.alloc.rate.norm (all threads) and the benchmark thread's own bytes per request (printed by the
benchmark), and the median of the per-run ratios of the engine to the naive composition of the same mode."""
import sys

from jmh_runs import fmt, load, med, print_times

out = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/engine-jmh"
per_run = load(out)

keys = []
for data in per_run:
    for k in data:
        if k not in keys:
            keys.append(k)
order = {"baseline": 0, "twoClockReads": 1, "excluded": 2, "engine": 3, "naive": 4, "naiveAllAttributes": 5}
modes = {"-": 0, "metrics": 1, "unsampled": 2, "sampled": 3, "sampledSimple": 4}
keys.sort(key=lambda k: (modes.get(k[1], 9), order.get(k[0], 9)))


print_times(per_run, keys, out)

print("\nRatios of the engine to the references of the same mode (median of the per-run ratios; per-run values):\n")
print("| mode | time / naive | bytes / naive | time / naiveAllAttributes | bytes / naiveAllAttributes |")
print("| --- | ---: | ---: | ---: | ---: |")
for mode in ["metrics", "unsampled", "sampled", "sampledSimple"]:
    cells = []
    for ref in ["naive", "naiveAllAttributes"]:
        t, b = [], []
        for d in per_run:
            e, n = d.get(("engine", mode)), d.get((ref, mode))
            if e and n:
                t.append(e["ns"] / n["ns"])
                if e["caller"] is not None and n["caller"]:
                    b.append(e["caller"] / n["caller"])
        if not t:
            cells = None
            break
        cells.append(f"{med(t):.2f} ({', '.join(f'{x:.2f}' for x in t)})")
        cells.append(f"{med(b):.2f}" if b else "-")
    if cells:
        print(f"| {mode} | " + " | ".join(cells) + " |")
