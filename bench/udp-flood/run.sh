#!/usr/bin/env bash
# bench/udp-flood/run.sh: a default `netprog echo-server --udp` flooded with datagrams from random spoofed sources, and its
# resident memory (VmRSS) before and after, for the UDP rate limit's memory bound (docs/RELIABILITY.md). "Before" is taken
# after a warm-up flood of WARM datagrams from ONE source, so that what the runtime grows by being busy at all (tiered JIT
# recompiling the hot loop, the GC's gen0 budget: about 15 MB here) is in it, and the difference is what the number of
# sources costs. The RSS just after start is printed too. Two floods:
#   near  COUNT datagrams from random 127.0.0.0/8 sources on loopback (near sources: never limited, all answered)
#   far   COUNT datagrams from random 198.18.0.0/15 sources (RFC 2544's benchmarking range) sent from a client network
#         namespace to a server namespace that routes that range back to it: far sources, each a bucket candidate
# Root only (a raw socket for the spoofed sources, and the namespaces). Nothing leaves the machine.
#
#   bench/udp-flood/run.sh                COUNT=1000000
#   COUNT=200000 FLOODS=near bench/udp-flood/run.sh
#   NETPROG=/path/to/netprog.dll bench/udp-flood/run.sh    another build (e.g. an older one, to compare)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
COUNT="${COUNT:-1000000}"
FLOODS="${FLOODS:-near far}"
WARM="${WARM:-200000}"
PORT="${PORT:-30901}"
out="$root/bench/.out/udp-flood"
mkdir -p "$out"

if [ "$(id -u)" != 0 ]; then
  echo "bench/udp-flood: needs root (raw socket, network namespaces)" >&2
  exit 1
fi

if [ -z "${NETPROG:-}" ]; then
  dotnet build "$root/src/NetProg.Cli" -c Release --nologo -v q >/dev/null
  NETPROG="$root/src/NetProg.Cli/bin/Release/net10.0/netprog.dll"
fi
gcc -Wall -Werror -O2 -o "$out/flood" "$root/bench/udp-flood/flood.c"

rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Starts the server (in namespace $1, or here when empty) on $2, waits for its listening line; sets pid and log.
start_server() {
  local ns="$1" address="$2"
  log="$out/server-$ns.log"
  if [ -n "$ns" ]; then
    ip netns exec "$ns" dotnet "$NETPROG" echo-server --udp --bind "$address" --port "$PORT" --quiet >"$log.out" 2>"$log" &
  else
    dotnet "$NETPROG" echo-server --udp --bind "$address" --port "$PORT" --quiet >"$log.out" 2>"$log" &
  fi
  pid=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$log.out" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench/udp-flood: the server did not start" >&2
  cat "$log" >&2
  exit 1
}

# WARM datagrams from one source ($3, port 40000) first; sets started (RSS at start) and before.
warm() { local ns="$1" address="$2"
  sleep 1
  started=$(rss "$pid")
  if [ -n "$ns" ]; then
    ip netns exec "$ns" "$out/flood" "$address" "$PORT" "$WARM" "$3" 32 >/dev/null
  else
    "$out/flood" "$address" "$PORT" "$WARM" "$3" 32 >/dev/null
  fi
  sleep 2
  before=$(rss "$pid")
}

report() { local name="$1" after="$2" sent="$3"
  local warnings
  warnings=$(grep -c "datagrams not answered" "$log" || true)
  printf '%-5s %s; RSS %s MB at start, %s MB after %s from one source, %s MB after the flood (%+.1f MB); %s log lines about drops\n' \
    "$name" "$sent" "$started" "$before" "$WARM" "$after" "$(echo "$after - $before" | bc)" "$warnings"
}

for flood in $FLOODS; do
  case "$flood" in
    near)
      start_server "" 127.0.0.1
      warm "" 127.0.0.1 127.0.0.5
      sent=$("$out/flood" 127.0.0.1 "$PORT" "$COUNT" 127.0.0.0 8)
      sleep 2
      after=$(rss "$pid")
      report near "$after" "$sent from random 127/8 sources"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      ;;
    far)
      c="npflood$$c"; s="npflood$$s"
      trap 'ip netns del '"$c"' 2>/dev/null || true; ip netns del '"$s"' 2>/dev/null || true' EXIT
      ip netns add "$c"; ip netns add "$s"
      ip link add "npf$$a" type veth peer name "npf$$b"
      ip link set "npf$$a" netns "$c"; ip link set "npf$$b" netns "$s"
      ip -n "$c" addr add 10.78.1.2/24 dev "npf$$a"; ip -n "$s" addr add 10.78.1.3/24 dev "npf$$b"
      ip -n "$c" link set "npf$$a" up; ip -n "$s" link set "npf$$b" up
      ip -n "$c" link set lo up; ip -n "$s" link set lo up
      ip -n "$s" route add 198.18.0.0/15 via 10.78.1.2
      start_server "$s" 10.78.1.3
      warm "$c" 10.78.1.3 198.18.0.5
      sent=$(ip netns exec "$c" "$out/flood" 10.78.1.3 "$PORT" "$COUNT" 198.18.0.0 15)
      sleep 2
      after=$(rss "$pid")
      report far "$after" "$sent from random 198.18.0.0/15 sources"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      ;;
  esac
done
