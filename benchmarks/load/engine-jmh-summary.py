#!/usr/bin/env python3
"""Summarises the runs of benchmarks/load/engine-jmh.sh: per benchmark and mode, the median over runs of the time
per request, JMH's gc.alloc.rate.norm (all threads) and the benchmark thread's own bytes per request (printed by the
benchmark), and the median of the per-run ratios of the engine to the naive composition of the same mode."""
import glob
import json
import os
import re
import statistics
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/engine-jmh"
runs = sorted(glob.glob(os.path.join(out, "run-*.json")), key=lambda p: int(re.search(r"run-(\d+)", p).group(1)))
if not runs:
    sys.exit("no run-*.json in " + out)


def key(bench, params):
    name = bench.rsplit(".", 1)[1]
    return name, (params or {}).get("mode", "-")


def caller_bytes(log):
    """Mean caller-thread B/op of the measurement iterations, per benchmark and mode, from a run's console log."""
    result, current, values = {}, None, []
    for line in open(log, encoding="utf-8", errors="replace"):
        m = re.match(r"# Benchmark: (\S+)", line)
        if m:
            if current and values:
                result[current] = statistics.mean(values)
            current, values = (m.group(1).rsplit(".", 1)[1], "-"), []
            continue
        m = re.match(r"# Parameters: \(mode = (\w+)\)", line)
        if m and current:
            current = (current[0], m.group(1))
            continue
        m = re.match(r"Iteration\s+\d+: caller-thread B/op: ([\d.]+)", line)
        if m:
            values.append(float(m.group(1)))
    if current and values:
        result[current] = statistics.mean(values)
    return result


per_run = []
for path in runs:
    data = {}
    for r in json.load(open(path)):
        k = key(r["benchmark"], r.get("params"))
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        data[k] = {"ns": r["primaryMetric"]["score"], "alloc": alloc}
    callers = caller_bytes(path.replace(".json", ".log"))
    for k, v in data.items():
        v["caller"] = callers.get(k)
    per_run.append(data)

keys = []
for data in per_run:
    for k in data:
        if k not in keys:
            keys.append(k)
order = {"baseline": 0, "twoClockReads": 1, "excluded": 2, "engine": 3, "naive": 4, "naiveAllAttributes": 5}
modes = {"-": 0, "metrics": 1, "unsampled": 2, "sampled": 3, "sampledSimple": 4}
keys.sort(key=lambda k: (modes.get(k[1], 9), order.get(k[0], 9)))


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=1):
    return "-" if v is None else f"{v:,.{digits}f}"


print(f"{len(per_run)} run(s) from {out}\n")
print("| Benchmark | mode | ns/op (median) | ns/op (min..max over runs) | caller-thread B/op | gc.alloc.rate.norm B/op |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for k in keys:
    ns = [d[k]["ns"] for d in per_run if k in d]
    print(f"| `{k[0]}` | {k[1]} | {fmt(med(ns))} | {fmt(min(ns))}..{fmt(max(ns))} | "
          f"{fmt(med([d[k]['caller'] for d in per_run if k in d]), 0)} | "
          f"{fmt(med([d[k]['alloc'] for d in per_run if k in d]), 0)} |")

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
