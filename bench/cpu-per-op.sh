#!/bin/bash
# bench/cpu-per-op.sh NAME echo|time|udp LOADGEN-ARGS... : server CPU microseconds per operation (robust under machine load)
name=$1; kind=$2; shift 2
out="$(cd "$(dirname "$0")" && pwd)/.out"   # built by bench/run.sh
log=$(mktemp)
svc=echo-server; cs="-s echo"; uflag=""; extra=""
[ $kind = time ] && { svc=time-server; cs="-s daytime"; }
[ $kind = udp ] && { uflag="--udp"; cs="-s echo -u"; extra="--rate-limit 0"; }
case $name in
  c) $out/epoll_server $cs -p 0 -a 127.0.0.1 > $log 2>&1 & ;;
  netprog) NETPROG_TRANSPORT=epoll $out/netprog/netprog $svc $uflag $extra --bind 127.0.0.1 --port 0 --quiet --max-connections 50000 > $log 2>&1 & ;;
  netprog-sockets) NETPROG_TRANSPORT=sockets $out/netprog/netprog $svc $uflag $extra --bind 127.0.0.1 --port 0 --quiet --max-connections 50000 > $log 2>&1 & ;;
esac
pid=$!
for i in $(seq 200); do grep -q 'listening on' $log && break; sleep 0.1; done
port=$(grep -o 'listening on [^ ]*' $log | head -1 | grep -o ':[0-9]*' | tail -1 | tr -d :)
$out/loadgen $kind 127.0.0.1 $port "$@" -d 2 -w 1 > /dev/null 2>&1   # warm-up run (JIT)
read u1 s1 < <(awk '{print $14, $15}' /proc/$pid/stat)
res=$($out/loadgen $kind 127.0.0.1 $port "$@" -d 3 -w 0 2>&1 | tail -1)
read u2 s2 < <(awk '{print $14, $15}' /proc/$pid/stat)
kill $pid; wait $pid 2>/dev/null; rm -f "$log"
ops=$(echo "$res" | grep -o 'ops=[0-9]*' | cut -d= -f2)
echo "$name $kind $*: ops=$ops rate=$(echo "$res" | grep -o 'rate=[0-9.]*' | cut -d= -f2) cpu_us_per_op=$(python3 -c "print(round(($u2-$u1+$s2-$s1)*10000/max(1,$ops),2))") (user $((u2-u1)) sys $((s2-s1)) ticks)"
