"""Summary of benchmarks/load/faults.sh: per scenario, medians over the rounds, then the other figures."""
import csv
import statistics
import sys
from pathlib import Path

report, rounds, half, threads, defaults = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
rows = list(csv.DictReader(open(report / "faults.tsv"), delimiter="\t"))
scenarios = list(dict.fromkeys(r["scenario"] for r in rows))


def med(values):
    return statistics.median(values)


print(f"\nfault suite: {rounds} round(s), each half of each outage >= {half} s, {threads} connections per service,"
      f" library defaults={defaults}; fault / control ratios per round, median (min..max) over the rounds")
print(f"{'scenario':<36} {'reqs':>7} {'p50 ms ctl/flt':>15} {'p99 ms ctl/flt':>15} {'p99 x':>17} {'req/s x':>17}"
      f" {'errors':>6} {'heap MB ctl/flt':>15} {'spans prod = exp + fail + drop':>32}"
      f" {'logs prod = exp + fail + drop':>32} {'stderr':>6} {'recovery ms':>11}")
for s in scenarios:
    rs = [r for r in rows if r["scenario"] == s]
    f = lambda k: [float(r[k]) for r in rs]
    total = lambda k: sum(int(r[k]) for r in rs)
    p99x, rpsx = f("p99_ratio"), f("rps_ratio")
    spans = f"{total('spans_produced')} = {total('spans_exported')} + {total('spans_failed')} + {total('spans_dropped')}"
    logs = f"{total('logs_produced')} = {total('logs_exported')} + {total('logs_failed')} + {total('logs_dropped')}"
    print(f"{s:<36} {int(med(f('requests'))):>7} {med(f('control_p50_ms')):>7.2f}/{med(f('fault_p50_ms')):<7.2f}"
          f" {med(f('control_p99_ms')):>7.2f}/{med(f('fault_p99_ms')):<7.2f}"
          f" {med(p99x):>5.2f} ({min(p99x):.2f}..{max(p99x):.2f}) {med(rpsx):>5.2f} ({min(rpsx):.2f}..{max(rpsx):.2f})"
          f" {total('errors'):>6} {med(f('control_heap_mb')):>7.1f}/{max(f('fault_heap_mb')):<7.1f} {spans:>32}"
          f" {logs:>32} {int(max(f('stderr_lines'))):>6} {int(max(f('recovery_ms'))):>11}")
print("heap: live heap after two full GCs at the end of the outage, the fault column the worst round;"
      " stderr: lines the faulty service wrote during the scenario, worst round; recovery: collector healthy ->"
      " scanium_telemetry_export_up back to 1 for both signals with new exports, worst round")
over = [s for s in scenarios if med([float(r["p99_ratio"]) for r in rows if r["scenario"] == s]) > 1.1]
print("p99 above 1.1x of the control (median over the rounds): " + (", ".join(over) if over else "none"))
for name in ("hostile", "shutdown"):
    notes = report / f"{name}-notes.tsv"
    if notes.exists():
        print(f"\n{name}:")
        for line in notes.read_text().splitlines():
            if line.strip():
                key, _, value = line.partition("\t")
                print(f"  {key}: {value}")
