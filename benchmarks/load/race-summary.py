#!/usr/bin/env python3
"""The race's summary (http-wrk.sh): one Markdown table, every figure a per-round comparison.

  race-summary.py RESULTS.tsv STARTUP.tsv none MODE...

Within each round (of wrk runs, or of starts) each mode is compared with that round's none (plain) and agent runs;
the table gives the median over the rounds, with the range for the throughput ratios. CPU overhead against the
agent's is the ratio of the two medians of per-round overheads (mode - none) / (agent - none): a per-round quotient
of two small differences would swing more than either.
"""
import csv
import statistics
import sys


def rows(path):
    with open(path) as f:
        return {(r["round"], r["mode"]): r for r in csv.DictReader(f, delimiter="\t")}


def per_round(by, mode, other, column, combine):
    values = []
    for (rnd, m), r in by.items():
        if m == mode and (rnd, other) in by:
            values.append(combine(float(r[column]), float(by[(rnd, other)][column])))
    return values


def median_of(by, mode, column):
    return statistics.median(float(r[column]) for (_, m), r in by.items() if m == mode)


def ratio(values):
    return f"{statistics.median(values):.3f}x ({min(values):.2f}..{max(values):.2f})" if values else "-"


def delta(values, unit, digits=1):
    return f"{statistics.median(values):+.{digits}f} {unit}" if values else "-"


def main():
    load, starts, modes = rows(sys.argv[1]), rows(sys.argv[2]), sys.argv[3:]
    agent = "agent" in modes
    quotient = lambda a, b: a / b
    minus = lambda a, b: a - b
    # RUNS=0 (starts only): no wrk rounds, so only the startup columns.
    runs = bool(load)
    agent_overhead = statistics.median(per_round(load, "agent", "none", "cpu_us_per_req", minus)) \
        if agent and runs else None
    head = ["mode"]
    if runs:
        head += ["req/s", "CPU µs/req", "req/s vs plain", "CPU vs plain"]
        if agent:
            head += ["req/s vs agent", "CPU overhead vs agent's"]
    head += ["first 200 (ms)", "vs plain", "CPU to first 200 (ms)", "vs plain", "idle RSS (MB)", "vs plain",
             "live heap (MB)", "vs plain"]
    if runs:
        head += ["RSS under load (MB)", "vs plain"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for mode in modes:
        base = mode == "none"
        cells = [f"`{mode}`"]
        if runs:
            cells += [f"{median_of(load, mode, 'req_per_s'):,.0f}", f"{median_of(load, mode, 'cpu_us_per_req'):.2f}"]
            cells += ["" if base else ratio(per_round(load, mode, "none", "req_per_s", quotient)),
                      "" if base else delta(per_round(load, mode, "none", "cpu_us_per_req", minus), "µs", 2)]
            if agent:
                if base or mode == "agent":
                    cells += ["", ""]
                else:
                    own = statistics.median(per_round(load, mode, "none", "cpu_us_per_req", minus))
                    cells += [ratio(per_round(load, mode, "agent", "req_per_s", quotient)),
                              f"{own / agent_overhead:.2f}x" if agent_overhead > 0 else "-"]
        cells += [f"{median_of(starts, mode, 'first_200_ms'):,.0f}",
                  "" if base else delta(per_round(starts, mode, "none", "first_200_ms", minus), "ms", 0),
                  f"{median_of(starts, mode, 'cpu_to_first_200_ms'):,.0f}",
                  "" if base else delta(per_round(starts, mode, "none", "cpu_to_first_200_ms", minus), "ms", 0),
                  f"{median_of(starts, mode, 'idle_rss_mb'):.0f}",
                  "" if base else delta(per_round(starts, mode, "none", "idle_rss_mb", minus), "MB", 0),
                  f"{median_of(starts, mode, 'live_heap_mb'):.1f}",
                  "" if base else delta(per_round(starts, mode, "none", "live_heap_mb", minus), "MB", 1)]
        if runs:
            cells += [f"{median_of(load, mode, 'rss_mb'):.0f}",
                      "" if base else delta(per_round(load, mode, "none", "rss_mb", minus), "MB", 0)]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
