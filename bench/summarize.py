#!/usr/bin/env python3
"""Turns a bench/run.sh TSV into the Markdown tables of docs/BENCHMARKS.md: medians per load and server, ratios to C."""
import re
import statistics
import sys
from collections import defaultdict

LOADS = [
    ("echo1", "1 connection × 64 B ping-pong", "round trips/s", "c-busy"),
    ("echo100", "100 connections × 64 B", "round trips/s", "c"),
    ("echo1000", "1,000 connections × 64 B", "round trips/s", "c"),
    ("echo64k", "10 connections × 64 KiB", "round trips/s", "c"),
    ("udp", "UDP, 8 sockets × 64 B", "datagrams/s", "c"),
    ("time1", "time, 1 client", "connections/s", "c"),
    ("time16", "time, 16 clients", "connections/s", "c"),
]


def fields(text):
    return {k: v for k, v in re.findall(r"(\w+)=(\S+)", text)}


def main(path):
    rows = defaultdict(lambda: defaultdict(list))
    header = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                header.append(line[1:].strip())
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            load, server, _rep, rest = parts[0], parts[1], parts[2], "\t".join(parts[3:])
            rows[load][server].append(fields(rest))

    def med(samples, key):
        values = [float(s[key]) for s in samples if key in s]
        return statistics.median(values) if values else None

    print("Run: " + "; ".join(header))
    print()
    for load, title, unit, reference in LOADS:
        if load not in rows:
            continue
        servers = rows[load]
        ref = med(servers.get(reference, []), "rate")
        print(f"### {title}")
        print()
        print(f"| server | {unit} (median) | ratio to {reference} | MB/s | p50 µs | p99 µs | server RSS MB | private MB | errors | mismatched | lost | runs |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for server, samples in sorted(servers.items(), key=lambda kv: -(med(kv[1], "rate") or 0)):
            rate = med(samples, "rate") or 0
            ratio = f"{rate / ref:.2f}" if ref else "–"
            rss = med(samples, "rss_kb")
            errors = sum(int(s.get("errors", 0)) for s in samples)
            mismatched = sum(int(s.get("mismatched", 0)) for s in samples)
            lost = sum(int(s.get("lost", 0)) for s in samples)
            print(f"| {server} | {rate:,.0f} | {ratio} | {med(samples, 'mbps') or 0:.2f} | {med(samples, 'p50_us') or 0:.0f} | "
                  f"{med(samples, 'p99_us') or 0:.0f} | {(rss or 0) / 1024:.1f} | {(med(samples, 'private_kb') or 0) / 1024:.1f} | {errors} | {mismatched} | {lost} | {len(samples)} |")
        print()

    if "idle" in rows:
        print("### Idle connections: server memory per connection")
        print()
        print("| server | connections | Rss before MB | Rss after MB | bytes per connection (median) | runs |")
        print("|---|---:|---:|---:|---:|---:|")
        for server, samples in rows["idle"].items():
            per = [(float(s["rss_after_kb"]) - float(s["rss_before_kb"])) * 1024 / max(1, int(s.get("ready", s.get("conns", 1))))
                   for s in samples if "rss_after_kb" in s]
            ready = [s for s in samples]
            conns = int(ready[0].get("conns", 0)) if ready else 0
            print(f"| {server} | {conns:,} | {med(samples, 'rss_before_kb') / 1024:.1f} | {med(samples, 'rss_after_kb') / 1024:.1f} | "
                  f"{statistics.median(per):,.0f} | {len(samples)} |")
        print()

    if "startup" in rows:
        print("### Start-up: time-client, whole process, exec to exit")
        print()
        print("| client | median ms | ratio to C |")
        print("|---|---:|---:|")
        c = med(rows["startup"].get("c-time_client", []), "ms")
        for client, samples in rows["startup"].items():
            m = med(samples, "ms")
            print(f"| {client} | {m:.1f} | {m / c:.1f} |" if c else f"| {client} | {m:.1f} | – |")
        print()

    if "crosscheck" in rows:
        print("### Cross-check: the C load generator and `netprog bench` on the same C server (100 × 64 B)")
        print()
        print("| meter | round trips/s (median) | p50 µs | p99 µs |")
        print("|---|---:|---:|---:|")
        for meter, samples in rows["crosscheck"].items():
            print(f"| {meter} | {med(samples, 'rate') or 0:,.0f} | {med(samples, 'p50_us') or 0:.0f} | {med(samples, 'p99_us') or 0:.0f} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1])
