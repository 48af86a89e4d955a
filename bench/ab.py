#!/usr/bin/env python3
"""A/B of a bench/run.sh TSV made with OLD_REV: for every load, each netprog server against the same server built at
OLD_REV (netprog-old*), measured in the same run, alternating. Prints new/old as a ratio oriented so that above 1 is
better: throughput new/old, memory and start-up time old/new. The goal: no ratio below 0.97."""
import re
import statistics
import sys
from collections import defaultdict

GOAL = 0.97


def fields(text):
    return {k: v for k, v in re.findall(r"(\w+)=(\S+)", text)}


def main(path):
    rows = defaultdict(lambda: defaultdict(list))
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(parts) < 4:
                continue
            rows[parts[0]][parts[1]].append(fields("\t".join(parts[3:])))

    def med(samples, value):
        values = [v for v in (value(s) for s in samples) if v is not None]
        return statistics.median(values) if values else None

    def rate(s):
        return float(s["rate"]) if "rate" in s else None

    def per_connection(s):
        if "rss_after_kb" not in s:
            return None
        return (float(s["rss_after_kb"]) - float(s["rss_before_kb"])) * 1024 / max(1, int(s.get("ready", s.get("conns", 1))))

    def ms(s):
        return float(s["ms"]) if "ms" in s else None

    pairs = []
    for load, servers in rows.items():
        for name in sorted(servers):
            if load == "startup":
                new, old, value, higher = "netprog-apphost", "netprog-old-apphost", ms, False
                if name != new:
                    continue
            elif load == "crosscheck":
                new, old, value, higher = "netprog-bench", "netprog-old-bench", rate, True
                if name != new:
                    continue
            elif load == "idle":
                if not name.startswith("netprog") or name.startswith("netprog-old"):
                    continue
                new, old, value, higher = name, name.replace("netprog", "netprog-old", 1), per_connection, False
            else:
                if not name.startswith("netprog") or name.startswith("netprog-old") or name == "netprog-aot":
                    continue
                new, old, value, higher = name, name.replace("netprog", "netprog-old", 1), rate, True
            a, b = med(servers.get(old, []), value), med(servers.get(new, []), value)
            if a is None or b is None or a == 0 or b == 0:
                continue
            ratio = b / a if higher else a / b
            pairs.append((load, new, a, b, ratio, len(servers[new]), len(servers[old])))

    print("### A/B: this build against OLD_REV, same run")
    print()
    print(f"| load | server | old (median) | new (median) | ratio (above 1: better; goal ≥ {GOAL}) | runs new/old |")
    print("|---|---|---:|---:|---:|---:|")
    worst = None
    for load, server, a, b, ratio, n_new, n_old in pairs:
        mark = "" if ratio >= GOAL else " **below goal**"
        print(f"| {load} | {server} | {a:,.1f} | {b:,.1f} | {ratio:.3f}{mark} | {n_new}/{n_old} |")
        worst = ratio if worst is None else min(worst, ratio)
    print()
    if worst is not None:
        print(f"Lowest ratio: {worst:.3f} ({'meets' if worst >= GOAL else 'misses'} the goal of {GOAL}).")


if __name__ == "__main__":
    main(sys.argv[1])
