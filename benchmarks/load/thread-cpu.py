#!/usr/bin/env python3
"""Where each load-run server's CPU went during the rounds (http-wrk.sh), by kind of thread.

  thread-cpu.py snapshot PID                   # prints "thread name<TAB>clock ticks", numbers stripped from names
  thread-cpu.py table RESULTS.tsv DIR MODE...  # DIR/<mode>-before.tsv, DIR/<mode>-after.tsv: µs per request

Each thread's utime + stime comes from /proc/PID/task/*/stat; a thread that ended between the snapshots is not
counted (the load-run servers keep their threads). The table divides the difference by the requests wrk counted in
all rounds.
"""
import csv
import os
import re
import sys

KINDS = [
    ("request threads", re.compile(r"^(qtp|vert\.x-(eventlo|worker))")),
    ("span export", re.compile(r"BatchSpanProces|okhttp|OkHttp|Okio|^pool-|HttpClient|jdkhttp|OtlpExp")),
    ("JIT", re.compile(r"Compiler")),
    ("GC", re.compile(r"^(GC Thread|G1 |VM Thread)")),
]


def snapshot(pid):
    ticks = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = re.sub(r"[-#]?\d+$", "", f.read().strip())
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks[name] = ticks.get(name, 0) + int(fields[11]) + int(fields[12])
    for name in sorted(ticks):
        print(f"{name}\t{ticks[name]}")


def read(path):
    with open(path) as f:
        return {name: int(t) for name, t in (line.rstrip("\n").split("\t") for line in f if line.strip())}


def table(results, folder, modes):
    with open(results) as f:
        requests = {}
        for r in csv.DictReader(f, delimiter="\t"):
            requests[r["mode"]] = requests.get(r["mode"], 0) + int(r["requests"])
    hz = os.sysconf("SC_CLK_TCK")
    head = [k for k, _ in KINDS] + ["other", "total"]
    print("| µs per request | " + " | ".join(head) + " |")
    print("|---|" + "---:|" * len(head))
    for mode in modes:
        before, after = read(f"{folder}/{mode}-before.tsv"), read(f"{folder}/{mode}-after.tsv")
        sums = dict.fromkeys(head, 0.0)
        for name, t in after.items():
            us = (t - before.get(name, 0)) * 1e6 / hz / requests[mode]
            kind = next((k for k, p in KINDS if p.search(name)), "other")
            sums[kind] += us
            sums["total"] += us
        print(f"| `{mode}` | " + " | ".join(f"{sums[k]:.2f}" for k in head) + " |")


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(sys.argv[2])
    else:
        table(sys.argv[2], sys.argv[3], sys.argv[4:])
