#!/usr/bin/env python3
"""Summarises the runs of benchmarks/load/adapters-jmh.sh: per benchmark and mode, the median over runs of the time
per request, the benchmark thread's own bytes per request (printed by the benchmark) and JMH's gc.alloc.rate.norm
(all threads, the batch span processor's included); then, per run and as medians, each adapter part against its
baseline of the same run: as a ratio and as the nanoseconds and bytes it adds."""
import sys

from jmh_runs import fmt, load, med, print_times

out = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/adapters-jmh"
per_run = load(out)

order = ["getterPlain", "getterJetty", "getterVertx", "chainBare", "handlerBare", "routerBare", "enginePlain",
         "filterJetty", "handlerVertx", "routerVertx"]
keys = sorted({k for d in per_run for k in d}, key=lambda k: (k[1] != "-", k[1], order.index(k[0])
                                                               if k[0] in order else 99))
print_times(per_run, keys, out)

# (part, its baseline, mode; "-" for the getters, which have none): what each part adds to what it wraps.
pairs = [("getterJetty", "getterPlain", "-"), ("getterVertx", "getterPlain", "-")]
for mode in ["off", "sampled"]:
    pairs += [("filterJetty", "chainBare", mode), ("filterJetty", "enginePlain", mode),
              ("handlerVertx", "handlerBare", mode), ("handlerVertx", "enginePlain", mode),
              ("routerVertx", "routerBare", mode)]
print("\nEach part against its baseline of the same run (median over runs; per-run values in brackets):\n")
print("| part | baseline | mode | time ratio | + ns/op | + caller B/op |")
print("| --- | --- | --- | ---: | ---: | ---: |")
for part, base, mode in pairs:
    ratio, extra, extra_bytes = [], [], []
    for d in per_run:
        p = d.get((part, mode))
        b = d.get((base, "-")) or d.get((base, mode))
        if not p or not b:
            continue
        ratio.append(p["ns"] / b["ns"])
        extra.append(p["ns"] - b["ns"])
        if p["caller"] is not None and b["caller"] is not None:
            extra_bytes.append(p["caller"] - b["caller"])
    if ratio:
        print(f"| `{part}` | `{base}` | {mode} | {med(ratio):.2f} ({', '.join(f'{x:.2f}' for x in ratio)}) | "
              f"{fmt(med(extra))} ({', '.join(fmt(x, 0) for x in extra)}) | {fmt(med(extra_bytes), 0)} |")
