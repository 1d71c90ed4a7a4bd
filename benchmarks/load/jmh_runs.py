"""The runs of benchmarks/load/jmh-runs.sh, read for the summary scripts: per run, per (benchmark method, mode), the
time per operation, JMH's gc.alloc.rate.norm (all threads) and the benchmark thread's own bytes per operation that the
benchmarks print after each iteration (caller-thread B/op)."""
import glob
import json
import os
import re
import statistics
import sys


def caller_bytes(log):
    """Mean caller-thread B/op of the measurement iterations, per (benchmark, mode), from a run's console log."""
    result, current, values = {}, None, []

    def flush():
        if current and values:
            result[current] = statistics.mean(values)

    for line in open(log, encoding="utf-8", errors="replace"):
        m = re.match(r"# Benchmark: (\S+)", line)
        if m:
            flush()
            current, values = (m.group(1).rsplit(".", 1)[1], "-"), []
            continue
        m = re.match(r"# Parameters: \(mode = (\w+)\)", line)
        if m and current:
            current = (current[0], m.group(1))
            continue
        m = re.match(r"Iteration\s+\d+: caller-thread B/op: ([\d.]+)", line)
        if m:
            values.append(float(m.group(1)))
    flush()
    return result


def load(out):
    """Every run of the folder, in run order: a dict per run from (benchmark, mode) to ns, alloc and caller."""
    runs = sorted(glob.glob(os.path.join(out, "run-*.json")),
                  key=lambda p: int(re.search(r"run-(\d+)", p).group(1)))
    if not runs:
        sys.exit("no run-*.json in " + out)
    per_run = []
    for path in runs:
        callers = caller_bytes(path.replace(".json", ".log"))
        data = {}
        for r in json.load(open(path)):
            k = (r["benchmark"].rsplit(".", 1)[1], (r.get("params") or {}).get("mode", "-"))
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            data[k] = {"ns": r["primaryMetric"]["score"], "alloc": alloc, "caller": callers.get(k)}
        per_run.append(data)
    return per_run


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=1):
    return "-" if v is None else f"{v:,.{digits}f}"


def print_times(per_run, keys, out):
    """The table of every (benchmark, mode) in keys: median and range of ns/op over runs, and bytes per operation."""
    print(f"{len(per_run)} run(s) from {out}\n")
    print("| Benchmark | mode | ns/op (median) | ns/op (min..max over runs) | caller-thread B/op | "
          "gc.alloc.rate.norm B/op |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for k in keys:
        ns = [d[k]["ns"] for d in per_run if k in d]
        print(f"| `{k[0]}` | {k[1]} | {fmt(med(ns))} | {fmt(min(ns))}..{fmt(max(ns))} | "
              f"{fmt(med([d[k]['caller'] for d in per_run if k in d]), 0)} | "
              f"{fmt(med([d[k]['alloc'] for d in per_run if k in d]), 0)} |")
