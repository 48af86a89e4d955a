#!/usr/bin/env bash
# bench/sockets/run.sh: the socket table and the port-owner lookup with many sockets open, the old build against this
# one in the same run. A helper (hold.py) holds CONNECTIONS loopback TCP connections (2 x CONNECTIONS sockets, both ends
# and their descriptors in two processes) and one listener; then, alternating old and new (A B A B), ROUNDS times:
#   - in-process (probe/): SocketTables.ForCurrentOs().Snapshot() and PortOwnerLookup.ForCurrentOs().FindOwners() on the
#     listener's port, first call and median of REPEATS warm calls;
#   - the CLI, wall clock per run: `netprog sockets --json` (the table, little rendering), `netprog sockets` (the table as
#     text), `netprog echo-server --port P` on the taken port (bind fails, the error names the owner: the lookup), and
#     `netprog --version` (start-up, the floor under every CLI figure).
# Medians over the rounds, and new/old ratios (below 1 is faster), as a Markdown table on stdout and in
# bench/results/<UTC time>-sockets.md.
#
#   bench/sockets/run.sh                      10,000 connections, 5 rounds, 5 warm repeats, old = OLD (default bb114fa)
#   CONNECTIONS=2000 ROUNDS=3 OLD=<commit> bench/sockets/run.sh
#
# "Old" is the tree of OLD (git archive, no worktree), built like this one. Needs python3, the .NET SDK and an open-files
# limit above CONNECTIONS + 64 (the default hard limit of 20,000 is enough for 10,000: each helper process holds one end).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
CONNECTIONS="${CONNECTIONS:-10000}"
ROUNDS="${ROUNDS:-5}"
REPEATS="${REPEATS:-5}"
# The commit before the netlink socket table: the two-subsystem code (/proc/net parsers, a scan per lookup).
OLD="${OLD:-bb114fa}"
out="$root/bench/.out/sockets"
results="$root/bench/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$(mktemp -d "${TMPDIR:-/tmp}/netprog-bench-sockets.XXXXXX")"
hold_pid=""
cleanup() {
  [ -n "$hold_pid" ] && kill "$hold_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
note() { echo "bench/sockets: $*" >&2; }
for tool in python3 dotnet git; do
  command -v "$tool" >/dev/null || { note "needs $tool"; exit 1; }
done
mkdir -p "$out" "$results"

# ---------------------------------------------------------------------------------------------------------------- build
build() { # build NAME SRC_ROOT
  local name="$1" tree="$2"
  rm -rf "$out/$name-probe-src" && cp -r "$root/bench/sockets/probe" "$out/$name-probe-src"
  dotnet build "$out/$name-probe-src" -c Release -o "$out/$name-probe" -p:NetProgSrc="$tree/src" --nologo -v q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
  dotnet build "$tree/src/NetProg.Cli" -c Release -o "$out/$name-cli" --nologo -v q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
}
note "building $OLD (old) and the working tree (new), Release"
rm -rf "$out/old-tree" && mkdir -p "$out/old-tree"
git -C "$root" archive "$OLD" | tar -x -C "$out/old-tree"
build old "$out/old-tree"
build new "$root"

# ----------------------------------------------------------------------------------------------------------------- load
note "opening $CONNECTIONS loopback connections"
mkfifo "$work/hold.in"
python3 "$root/bench/sockets/hold.py" "$CONNECTIONS" <"$work/hold.in" >"$work/hold.port" &
hold_pid=$!
exec 3>"$work/hold.in"   # the helper holds its sockets until this closes (at exit)
for _ in $(seq 1 600); do [ -s "$work/hold.port" ] && break; kill -0 "$hold_pid" 2>/dev/null || { note "hold.py failed"; exit 1; }; sleep 0.1; done
[ -s "$work/hold.port" ] || { note "hold.py did not get its connections up in 60 s"; exit 1; }
port="$(cat "$work/hold.port")"
note "listener on 127.0.0.1:$port; $(awk 'NR > 1' /proc/net/tcp /proc/net/tcp6 | wc -l) TCP sockets in this namespace"

# ------------------------------------------------------------------------------------------------------------- measure
ms() { # ms COMMAND...: wall-clock milliseconds of one run, output discarded
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
tsv="$results/$stamp-sockets.tsv"
for round in $(seq 1 "$ROUNDS"); do
  # A B A B, then B A B A: a neighbour's burst on a shared machine does not always land on the same build.
  order="old new"; [ $((round % 2)) = 0 ] && order="new old"
  for build in $order; do
    cli=("dotnet" "$out/$build-cli/netprog.dll")
    while read -r name value; do
      case "$name" in rows|owners) echo "check $build $name $value" >&2 ;; *) printf '%s\t%s\t%s\t%s\n' "$round" "$build" "$name" "$value" >>"$tsv" ;; esac
    done < <(dotnet "$out/$build-probe/sockets-probe.dll" "$port" "$REPEATS")
    printf '%s\t%s\tcli_version\t%s\n' "$round" "$build" "$(ms "${cli[@]}" --version)" >>"$tsv"
    printf '%s\t%s\tcli_sockets_json\t%s\n' "$round" "$build" "$(ms "${cli[@]}" sockets --json)" >>"$tsv"
    printf '%s\t%s\tcli_sockets\t%s\n' "$round" "$build" "$(ms "${cli[@]}" sockets)" >>"$tsv"
    printf '%s\t%s\tcli_owner\t%s\n' "$round" "$build" "$(ms "${cli[@]}" echo-server --port "$port")" >>"$tsv"
  done
  note "round $round of $ROUNDS done"
done

# ------------------------------------------------------------------------------------------------------------- summary
md="$results/$stamp-sockets.md"
python3 - "$tsv" "$CONNECTIONS" "$ROUNDS" "$REPEATS" "$OLD" >"$md" <<'PY'
import statistics, sys
from collections import defaultdict
tsv, connections, rounds, repeats, old = sys.argv[1:]
values = defaultdict(list)
for line in open(tsv):
    _, build, name, value = line.split("\t")
    values[(build, name)].append(float(value))
rows = [
    ("table_first", "table read, first call (in-process, JIT included)"),
    ("table_median", f"table read, median of {repeats} warm calls"),
    ("owner_first", "port-owner lookup, first call"),
    ("owner_median", f"port-owner lookup, median of {repeats} warm calls"),
    ("cli_version", "`netprog --version` (start-up floor)"),
    ("cli_sockets_json", "`netprog sockets --json`"),
    ("cli_sockets", "`netprog sockets` (text table)"),
    ("cli_owner", "`netprog echo-server --port P`, P taken (bind error names the owner)"),
]
print(f"{connections} loopback connections held ({2 * int(connections)} sockets), medians of {rounds} rounds, old = {old}")
print()
print("| measurement | old (ms) | new (ms) | new / old |")
print("|---|---|---|---|")
for key, label in rows:
    o, n = statistics.median(values[("old", key)]), statistics.median(values[("new", key)])
    print(f"| {label} | {o:.1f} | {n:.1f} | {n / o:.2f} |")
PY
cat "$md"
note "every measurement: $tsv"
