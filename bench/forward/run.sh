#!/usr/bin/env bash
# Forwarding benchmark: bulk TCP throughput, 64-byte TCP round trips and 64-byte UDP round trips through `netprog forward`
# (--both) and through socat doing the same relays, in the same run, on loopback, against the same C target; "direct" (no
# relay) is the ceiling.
#   bench/forward/run.sh [ROUNDS] [MIB] [ROUND_TRIPS]      defaults: 5 rounds, 1024 MiB, 20000 round trips
#   OLD_REV=<commit> bench/forward/run.sh                   A/B: also relays through netprog built at that commit
#                                                           ("netprog-old"), in the same rounds, and prints new/old
# Prints one line per measurement, then the medians and the netprog/socat ratios as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-5}
MIB=${2:-1024}
TRIPS=${3:-20000}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

for tool in gcc socat dotnet python3; do
    command -v "$tool" >/dev/null || { echo "bench/forward: needs $tool (apt-get install gcc socat python3)" >&2; exit 1; }
done
gcc -O2 -pthread -o "$WORK/load" bench/forward/load.c
dotnet build src/NetProg.Cli -c Release -o "$WORK/netprog" >/dev/null
RELAYS="direct netprog socat"
if [ -n "${OLD_REV:-}" ]; then
    mkdir -p "$WORK/old-src"
    git archive "$OLD_REV" | tar -x -C "$WORK/old-src"
    dotnet build "$WORK/old-src/src/NetProg.Cli" -c Release -o "$WORK/netprog-old" >/dev/null
    RELAYS="direct netprog socat netprog-old"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }

TARGET=$(free_port); NETPROG=$(free_port); SOCAT=$(free_port)
"$WORK/load" serve "$TARGET" >/dev/null & PIDS+=($!)
dotnet "$WORK/netprog/netprog.dll" forward --listen "127.0.0.1:$NETPROG" --to "127.0.0.1:$TARGET" --both --quiet >/dev/null & PIDS+=($!)
# socat's usual relay: a child per connection (fork), its default 8 KiB block size.
socat "TCP-LISTEN:$SOCAT,bind=127.0.0.1,reuseaddr,fork" "TCP:127.0.0.1:$TARGET" & PIDS+=($!)
# And its UDP relay: a child per client address and port, as a NAT's binding, gone after 5 s of silence (-T).
socat -T 5 "UDP4-LISTEN:$SOCAT,bind=127.0.0.1,reuseaddr,fork" "UDP4:127.0.0.1:$TARGET" & PIDS+=($!)
declare -A PORT=([direct]=$TARGET [netprog]=$NETPROG [socat]=$SOCAT)
if [ -n "${OLD_REV:-}" ]; then
    OLD=$(free_port); PORT[netprog-old]=$OLD
    dotnet "$WORK/netprog-old/netprog.dll" forward --listen "127.0.0.1:$OLD" --to "127.0.0.1:$TARGET" --both --quiet >/dev/null & PIDS+=($!)
    wait_port "$OLD"
    "$WORK/load" bulk 127.0.0.1 "$OLD" 64 >/dev/null; "$WORK/load" rtt 127.0.0.1 "$OLD" 2000 >/dev/null
    "$WORK/load" urtt 127.0.0.1 "$OLD" 2000 >/dev/null
fi
wait_port "$TARGET"; wait_port "$NETPROG"; wait_port "$SOCAT"
# Warm-up: the JIT compiles netprog's relay on first use; not measured.
"$WORK/load" bulk 127.0.0.1 "$NETPROG" 64 >/dev/null; "$WORK/load" rtt 127.0.0.1 "$NETPROG" 2000 >/dev/null
"$WORK/load" urtt 127.0.0.1 "$NETPROG" 2000 >/dev/null

for round in $(seq 1 "$ROUNDS"); do
    # Rotate the order each round so that a neighbour's burst on the shared machine does not always hit the same relay.
    read -ra relays <<<"$RELAYS"
    order=""
    for i in "${!relays[@]}"; do order+="${relays[$(((i + round) % ${#relays[@]}))]} "; done
    for relay in $order; do
        read -r _ mibs < <("$WORK/load" bulk 127.0.0.1 "${PORT[$relay]}" "$MIB")
        read -r _ us rate p99 < <("$WORK/load" rtt 127.0.0.1 "${PORT[$relay]}" "$TRIPS")
        read -r _ uus urate up99 ulost < <("$WORK/load" urtt 127.0.0.1 "${PORT[$relay]}" "$TRIPS")
        echo "round $round $relay: bulk $mibs MiB/s, rtt median $us us, p99 $p99 us, $rate round trips/s; udp median $uus us, p99 $up99 us, $urate/s, $ulost lost"
        echo "$relay $mibs $us $rate $p99 $uus $urate" >> "$WORK/results"
    done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
declare -A BULK RTT RATE P99 URTT URATE
for relay in $RELAYS; do
    BULK[$relay]=$(awk -v r=$relay '$1==r {print $2}' "$WORK/results" | median)
    RTT[$relay]=$(awk -v r=$relay '$1==r {print $3}' "$WORK/results" | median)
    RATE[$relay]=$(awk -v r=$relay '$1==r {print $4}' "$WORK/results" | median)
    P99[$relay]=$(awk -v r=$relay '$1==r {print $5}' "$WORK/results" | median)
    URTT[$relay]=$(awk -v r=$relay '$1==r {print $6}' "$WORK/results" | median)
    URATE[$relay]=$(awk -v r=$relay '$1==r {print $7}' "$WORK/results" | median)
done
echo
echo "medians of $ROUNDS rounds: $MIB MiB bulk, $TRIPS round trips of 64 bytes; $(nproc) cores, $(uname -sr)"
echo
echo "| path | bulk TCP (MiB/s) | 64-byte round trip, median (µs) | p99 (µs) | round trips/s | 64-byte UDP round trip, median (µs) | UDP round trips/s |"
echo "|---|---|---|---|---|---|---|"
for relay in $RELAYS; do
    echo "| $relay | ${BULK[$relay]} | ${RTT[$relay]} | ${P99[$relay]} | ${RATE[$relay]} | ${URTT[$relay]} | ${URATE[$relay]} |"
done
awk -v nb="${BULK[netprog]}" -v sb="${BULK[socat]}" -v nr="${RTT[netprog]}" -v sr="${RTT[socat]}" -v np="${P99[netprog]}" -v sp="${P99[socat]}" -v nt="${RATE[netprog]}" -v st="${RATE[socat]}" \
    -v nu="${URTT[netprog]}" -v su="${URTT[socat]}" -v nur="${URATE[netprog]}" -v sur="${URATE[socat]}" \
    'BEGIN { printf "| netprog / socat | %.2fx | %.2fx (lower is better) | %.2fx (lower is better) | %.2fx | %.2fx (lower is better) | %.2fx |\n", nb/sb, nr/sr, np/sp, nt/st, nu/su, nur/sur }'
if [ -n "${OLD_REV:-}" ]; then
    awk -v nb="${BULK[netprog]}" -v ob="${BULK[netprog-old]}" -v nr="${RTT[netprog]}" -v orr="${RTT[netprog-old]}" -v nt="${RATE[netprog]}" -v ot="${RATE[netprog-old]}" \
        -v nu="${URTT[netprog]}" -v ou="${URTT[netprog-old]}" -v nur="${URATE[netprog]}" -v our="${URATE[netprog-old]}" \
        'BEGIN { printf "| netprog / netprog-old (%s) | %.3fx | %.3fx (old/new: above 1 is better) | | %.3fx | %.3fx (old/new) | %.3fx |\n", "'"$OLD_REV"'", nb/ob, orr/nr, nt/ot, ou/nu, nur/our }'
fi
