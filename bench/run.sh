#!/usr/bin/env bash
# bench/run.sh: netprog's echo and time servers against a one-thread C epoll server, the idiomatic .NET async server,
# socat and xinetd's internal services, on loopback, driven by a C epoll load generator (bench/baselines/loadgen.c) so
# that no server measures itself. Servers alternate within each load; each load is repeated and the median
# kept; ratios are to the C server of the same run. Results: bench/results/<UTC time>.tsv (every measurement) and .md
# (the tables of docs/BENCHMARKS.md).
#
#   bench/run.sh            full run: 10 s per measurement after 2 s warm-up, 3 repeats (about 25 minutes)
#   bench/run.sh --quick    2 s after 0.5 s, 1 repeat (a couple of minutes): a smoke test, not numbers to quote
#   DURATION=5 WARMUP=1 REPEATS=5 LOADS="echo100 udp" SERVERS="c netprog" bench/run.sh   any subset
#   LOADS=startup STARTUP_FORMS="apphost aot" bench/run.sh   start-up of some of netprog's forms only
#   OLD_REV=<commit> bench/run.sh   A/B: also builds netprog at that commit and measures it beside this one, in the same
#                                   run, alternating (servers netprog-old, netprog-old-sockets, netprog-old-busy; start-up
#                                   form old-apphost; crosscheck meter netprog-old-bench); bench/ab.py prints new/old ratios
#
# netprog-aot (a server) and the start-up forms r2r, single-file and aot are built by scripts/publish (linux-x64) into
# bench/.out/forms; the Native AOT build takes a few minutes. A form that cannot be built here is skipped with a note.
# FORMS=artifacts reuses what scripts/publish already put in artifacts/ instead of publishing again.
#
# Needs gcc, the .NET SDK, python3 (the summary), socat and xinetd (skipped with a note when missing). Run it as root or
# with a hard open-files limit above 20,000 for the 10,000-idle-connections load.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
out="$root/bench/.out"
results="$root/bench/results"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
if [ "$quick" = 1 ]; then
  DURATION="${DURATION:-2}"; WARMUP="${WARMUP:-0.5}"; REPEATS="${REPEATS:-1}"; IDLE="${IDLE:-2000}"; STARTS="${STARTS:-5}"
else
  DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-2}"; REPEATS="${REPEATS:-3}"; IDLE="${IDLE:-10000}"; STARTS="${STARTS:-20}"
fi
LOADS="${LOADS:-echo1 echo100 echo1000 echo64k udp time1 time16 idle startup crosscheck}"
SERVERS="${SERVERS:-c c-busy netprog netprog-busy netprog-sockets netprog-aot dotnet-async socat xinetd}"
# How netprog time-client is started, for the start-up load (docs/INSTALL.md describes each form):
#   launcher     ./netprog, the clone's script (checks the build is fresh, then `dotnet netprog.dll`)
#   apphost      the build output's native launcher of netprog.dll (framework-dependent, JIT)
#   r2r          framework-dependent, ReadyToRun (precompiled, JIT only for what R2R could not)
#   single-file  self-contained single file, trimmed, ReadyToRun: the download for machines without .NET
#   aot          Native AOT
STARTUP_FORMS="${STARTUP_FORMS:-launcher apphost r2r single-file aot}"
FORMS="${FORMS:-}"
OLD_REV="${OLD_REV:-}"
if [ -n "$OLD_REV" ]; then
  SERVERS="${SERVERS} netprog-old netprog-old-busy netprog-old-sockets"
  STARTUP_FORMS="${STARTUP_FORMS} old-apphost"
fi
forms_dir="$out/forms"
[ -n "$FORMS" ] && forms_dir="$(cd "$FORMS" && pwd)"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out" "$results"
tsv="$results/$stamp.tsv"
work="$(mktemp -d "${TMPDIR:-/tmp}/netprog-bench.XXXXXX")"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
have() { command -v "$1" >/dev/null 2>&1; }
wanted() { case " $SERVERS " in *" $1 "*) return 0 ;; esac; return 1; }
note() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------------------------------------------------------- build
build() {
  note "building the C baselines, the .NET baseline and netprog (Release)"
  gcc -O2 -Wall -o "$out/epoll_server" "$root/bench/baselines/epoll_server.c"
  gcc -O2 -Wall -o "$out/loadgen" "$root/bench/baselines/loadgen.c"
  gcc -O2 -w -o "$out/time_client" "$root/tests/Integration/course-c/time_client.c"
  dotnet build "$root/bench/baselines/dotnet-async" -c Release -o "$out/dotnet-async" --nologo -v q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
  dotnet build "$root/src/NetProg.Cli" -c Release -o "$out/netprog" --nologo -v q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
  if [ -n "$OLD_REV" ]; then
    note "building netprog at $OLD_REV (the A of the A/B)"
    rm -rf "$work/old" "$out/netprog-old" && mkdir -p "$work/old"
    git -C "$root" archive "$OLD_REV" | tar -x -C "$work/old"
    dotnet build "$work/old/src/NetProg.Cli" -c Release -o "$out/netprog-old" --nologo -v q >"$work/build.log" 2>&1 \
      || { cat "$work/build.log"; exit 1; }
  fi
  if [[ " $LOADS " == *" startup "* ]]; then
    # The floor of any .NET start-up (bench/baselines/dotnet-aot-time-client): a minute of Native AOT compilation.
    dotnet publish "$root/bench/baselines/dotnet-aot-time-client" -c Release -r linux-x64 -o "$out/dotnet-aot-time-client" \
      --nologo -v q -p:UseSharedCompilation=false >"$work/build.log" 2>&1 \
      || note "the minimal AOT time client could not be built (skipped): $(tail -n 3 "$work/build.log" | tr '\n' ' ')"
  fi
  local forms=() form
  if wanted netprog-aot && [[ " $LOADS " == *" echo1000 "* ]]; then forms+=(--form aot); fi
  if [[ " $LOADS " == *" startup "* ]]; then
    for form in r2r single-file aot; do
      if [[ " $STARTUP_FORMS " == *" $form "* && " ${forms[*]} " != *" $form "* ]]; then forms+=(--form "$form"); fi
    done
  fi
  if [ ${#forms[@]} -gt 0 ] && [ -z "$FORMS" ]; then
    note "publishing netprog ${forms[*]} for linux-x64 (scripts/publish; minutes for aot)"
    "$root/scripts/publish" --rid linux-x64 "${forms[@]}" --out "$forms_dir" >"$work/publish.log" 2>&1 \
      || note "scripts/publish failed for some forms (they are skipped): $(tail -n 4 "$work/publish.log" | tr '\n' ' ')"
  fi
}

# The executable of a start-up form (see STARTUP_FORMS); empty when it was not built.
form_exe() {
  local exe
  case "$1" in
    launcher) exe="$root/netprog" ;;
    apphost) exe="$out/netprog/netprog" ;;
    old-apphost) exe="$out/netprog-old/netprog" ;;
    *) exe="$forms_dir/publish/linux-x64-$1/netprog" ;;
  esac
  [ -x "$exe" ] && echo "$exe"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits for "listening on ...:PORT" in a server's output; sets server_port.
wait_listening() {
  local file="$1" i
  for i in $(seq 1 200); do
    server_port="$(grep -m1 -o 'listening on [^ ]*:[0-9]*' "$file" 2>/dev/null | grep -o '[0-9]*$' || true)"
    [ -n "$server_port" ] && return 0
    sleep 0.05
  done
  note "server did not start: $(cat "$file")"; return 1
}

# Waits until something accepts TCP on the port (socat and xinetd print nothing we can wait on).
wait_port() {
  local port="$1" i
  for i in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  note "nothing listens on $port"; return 1
}

# start_server SERVER echo|daytime tcp|udp  -> server_pid, server_port; returns 1 when this server cannot do it.
start_server() {
  local name="$1" service="$2" proto="$3" log="$work/server.log" udp=() port
  : >"$log"
  [ "$proto" = udp ] && udp=(--udp)
  case "$name" in
    c|c-busy)
      local flags=(-s "$service" -p 0)
      [ "$proto" = udp ] && flags+=(-u)
      [ "$name" = c-busy ] && flags+=(-b)
      "$out/epoll_server" "${flags[@]}" >"$log" 2>&1 &
      server_pid=$!; wait_listening "$log" ;;
    netprog|netprog-sockets|netprog-busy|netprog-old|netprog-old-sockets|netprog-old-busy)
      # netprog-sockets: the same server on .NET's own socket engine (what Windows and macOS run), for the A/B.
      # netprog-busy: the epoll loop spins up to 200 µs for the next event before sleeping (NETPROG_BUSY_POLL), against c-busy.
      # netprog-old*: the same, built at OLD_REV.
      local cmd=echo-server extra=() transport=epoll busy=0 dir="$out/netprog"
      [ "$service" = daytime ] && cmd=time-server
      [ "$proto" = udp ] && extra=(--rate-limit 0)
      [[ "$name" = *-sockets ]] && transport=sockets
      [[ "$name" = *-busy ]] && busy=200
      [[ "$name" = netprog-old* ]] && dir="$out/netprog-old"
      [ -x "$dir/netprog" ] || return 1
      NETPROG_TRANSPORT=$transport NETPROG_BUSY_POLL=$busy DOTNET_gcServer=0 "$dir/netprog" "$cmd" --bind 127.0.0.1 --port 0 --quiet --max-connections 50000 "${udp[@]}" "${extra[@]}" >"$log" 2>&1 &
      server_pid=$!; wait_listening "$log" ;;
    netprog-aot)
      # The same server compiled with Native AOT (scripts/publish --form aot): its RSS is the number for the ≤ 30 MB target
      # (1,000 connections; docs/BENCHMARKS.md, "Targets").
      local cmd=echo-server extra=() exe
      exe="$(form_exe aot)" || return 1
      [ "$service" = daytime ] && cmd=time-server
      [ "$proto" = udp ] && extra=(--rate-limit 0)
      "$exe" "$cmd" --bind 127.0.0.1 --port 0 --quiet --max-connections 50000 "${udp[@]}" "${extra[@]}" >"$log" 2>&1 &
      server_pid=$!; wait_listening "$log" ;;
    dotnet-async)
      dotnet "$out/dotnet-async/dotnet-async.dll" "$service" "${udp[@]}" >"$log" 2>&1 &
      server_pid=$!; wait_listening "$log" ;;
    socat)
      have socat || return 1
      port="$(free_port)"
      if [ "$proto" = udp ]; then
        socat "UDP4-RECVFROM:$port,bind=127.0.0.1,fork" PIPE >"$log" 2>&1 &
        server_pid=$!; server_port="$port"; sleep 0.3
      elif [ "$service" = echo ]; then
        socat "TCP4-LISTEN:$port,bind=127.0.0.1,fork,reuseaddr,backlog=4096" PIPE >"$log" 2>&1 &
        server_pid=$!; server_port="$port"; wait_port "$port"
      else
        socat "TCP4-LISTEN:$port,bind=127.0.0.1,fork,reuseaddr,backlog=4096" SYSTEM:'date "+%a %b %e %T %Y"' >"$log" 2>&1 &
        server_pid=$!; server_port="$port"; wait_port "$port"
      fi ;;
    xinetd)
      have xinetd || [ -x /usr/sbin/xinetd ] || return 1
      port="$(free_port)"
      local type=stream protocol=tcp wait=no
      [ "$proto" = udp ] && { type=dgram; protocol=udp; wait=yes; }
      # cps: xinetd counts each datagram to an internal UDP service as a connection and disables the service past the
      # rate; instances: no cap. UNLISTED: a port other than /etc/services' (the test harness does the same).
      cat >"$work/xinetd.conf" <<EOF
defaults
{
    instances = UNLIMITED
    cps = 1000000 1
}
service $service
{
    type        = INTERNAL UNLISTED
    id          = $service-$type
    socket_type = $type
    protocol    = $protocol
    wait        = $wait
    user        = root
    bind        = 127.0.0.1
    port        = $port
}
EOF
      "$(command -v xinetd || echo /usr/sbin/xinetd)" -dontfork -f "$work/xinetd.conf" -pidfile "$work/xinetd.pid" >"$log" 2>&1 &
      server_pid=$!; server_port="$port"
      if [ "$proto" = tcp ]; then wait_port "$port"; else sleep 0.5; fi ;;
    *) return 1 ;;
  esac
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

rss_kb() { awk '/^Rss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
# Private (not shared with other processes) memory: Rss counts the pages of the shared .NET libraries too (~30 MB).
private_kb() { awk '/^Private_(Clean|Dirty):/ {s += $2} END {print s + 0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

# Rotates a list by the repeat number, so that no server always runs first (or right after the same other one).
rotate() { local n="$1"; shift; local a=("$@") i; for i in "${!a[@]}"; do echo "${a[$(((i + n) % ${#a[@]}))]}"; done; }

# measure LOAD MODE SERVICE PROTO "loadgen args" servers...
measure() {
  local load="$1" mode="$2" service="$3" proto="$4" args="$5"; shift 5
  local rep server line
  for rep in $(seq 1 "$REPEATS"); do
    for server in $(rotate "$rep" "$@"); do
      wanted "$server" || continue
      if ! start_server "$server" "$service" "$proto"; then
        note "$load: $server not available, skipped"; stop_server; continue
      fi
      # shellcheck disable=SC2086
      line="$("$out/loadgen" "$mode" 127.0.0.1 "$server_port" $args -d "$DURATION" -w "$WARMUP" || true)"
      local rss private; rss="$(rss_kb "$server_pid")"; private="$(private_kb "$server_pid")"
      stop_server
      note "$load $server #$rep: $line rss_kb=$rss private_kb=$private"
      printf '%s\t%s\t%s\t%s rss_kb=%s private_kb=%s\n' "$load" "$server" "$rep" "$line" "$rss" "$private" >>"$tsv"
    done
  done
}

# Memory per idle connection: the server's Rss before and after N connections that send nothing.
idle() {
  local rep server before after line
  for rep in $(seq 1 "$REPEATS"); do
    for server in $(rotate "$rep" c netprog netprog-old netprog-sockets netprog-old-sockets dotnet-async); do
      wanted "$server" || continue
      start_server "$server" echo tcp || { stop_server; continue; }
      # One round trip first, so that the server has done its one-time allocations (JIT, pools) before the baseline.
      "$out/loadgen" echo 127.0.0.1 "$server_port" -c 1 -d 0.5 -w 0.2 >/dev/null
      sleep 1
      before="$(rss_kb "$server_pid")"
      mkfifo "$work/hold"
      "$out/loadgen" idle 127.0.0.1 "$server_port" -c "$IDLE" <"$work/hold" >"$work/idle.out" &
      local lg=$!
      exec 7>"$work/hold"
      for _ in $(seq 1 600); do grep -q '^ready' "$work/idle.out" 2>/dev/null && break; sleep 0.1; done
      sleep 2 # let the server finish accepting and settle
      after="$(rss_kb "$server_pid")"
      line="$(cat "$work/idle.out")"
      exec 7>&-
      wait "$lg" 2>/dev/null || true
      rm -f "$work/hold"
      stop_server
      note "idle $server #$rep: $line rss_before_kb=$before rss_after_kb=$after"
      printf 'idle\t%s\t%s\t%s rss_before_kb=%s rss_after_kb=%s conns=%s\n' "$server" "$rep" "$line" "$before" "$after" "$IDLE" >>"$tsv"
    done
  done
}

# Start-up: a whole process from exec to exit, asking the C daytime server for the time: the course's C time_client
# against netprog time-client in each of its forms (STARTUP_FORMS). One untimed run of each first: the page cache, and
# the single file's one-time extraction of its native library. Clients alternate within each repeat. Timed with bash's
# $EPOCHREALTIME (microseconds, no process): `$(date +%s%N)` started a `date` process on each side of every sample, ~15
# ms on this VM against C's 4 ms, which flattered netprog's ratio.
startup() {
  start_server c daytime tcp || return
  local rep client t0 t1 form exe clients=(c-time_client)
  declare -A exes=([c-time_client]="$out/time_client")
  if [ -x "$out/dotnet-aot-time-client/dotnet-aot-time-client" ]; then
    clients+=(dotnet-aot-minimal); exes[dotnet-aot-minimal]="$out/dotnet-aot-time-client/dotnet-aot-time-client"
  fi
  for form in $STARTUP_FORMS; do
    if exe="$(form_exe "$form")"; then
      clients+=("netprog-$form"); exes["netprog-$form"]="$exe"
    else
      note "startup: form $form not built, skipped"
    fi
  done
  for client in "${clients[@]}"; do
    if [[ "$client" != netprog-* ]]; then "${exes[$client]}" 127.0.0.1 "$server_port" >/dev/null
    else "${exes[$client]}" time-client 127.0.0.1 "$server_port" >/dev/null; fi
  done
  for rep in $(seq 1 "$STARTS"); do
    for client in $(rotate "$rep" "${clients[@]}"); do
      t0="${EPOCHREALTIME//[.,]/}"
      if [[ "$client" != netprog-* ]]; then
        "${exes[$client]}" 127.0.0.1 "$server_port" >/dev/null
      else
        "${exes[$client]}" time-client 127.0.0.1 "$server_port" >/dev/null
      fi
      t1="${EPOCHREALTIME//[.,]/}"
      printf 'startup\t%s\t%s\tms=%s\n' "$client" "$rep" "$(( t1 - t0 ))e-3" >>"$tsv"
    done
  done
  stop_server
  note "startup: $STARTS runs each of ${clients[*]}"
}

# netprog bench against the C load generator on the same server (the C echo server, 100 x 64 B): two meters, one reading.
crosscheck() {
  local rep meter line
  for rep in $(seq 1 "$REPEATS"); do
    for meter in loadgen netprog-bench ${OLD_REV:+netprog-old-bench}; do
      start_server c echo tcp || return
      if [ "$meter" = loadgen ]; then
        line="$("$out/loadgen" echo 127.0.0.1 "$server_port" -c 100 -d "$DURATION" -w "$WARMUP")"
      else
        local dir="$out/netprog"
        [ "$meter" = netprog-old-bench ] && dir="$out/netprog-old"
        line="$("$dir/netprog" bench echo 127.0.0.1 "$server_port" -c 100 --duration "${DURATION}s" --warmup "${WARMUP}s" --json \
          | python3 -c 'import json,sys; j=json.load(sys.stdin); l=j["latencyMicroseconds"]; print("ops=%d rate=%.1f p50_us=%.0f p99_us=%.0f errors=%d mismatched=%d" % (j["operations"], j["operationsPerSecond"], l["p50"], l["p99"], sum(j["errors"].values()), j["mismatchedBytes"]))')"
      fi
      stop_server
      note "crosscheck $meter #$rep: $line"
      printf 'crosscheck\t%s\t%s\t%s\n' "$meter" "$rep" "$line" >>"$tsv"
    done
  done
}

build
{
  echo "# netprog bench/run.sh $stamp quick=$quick duration=${DURATION}s warmup=${WARMUP}s repeats=$REPEATS"
  echo "# $(uname -srm); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# dotnet $(dotnet --version); gcc $(gcc -dumpversion); socat $(socat -V 2>/dev/null | awk '/socat version/ {print $3}')"
} >"$tsv"

for load in $LOADS; do
  case "$load" in
    echo1)    measure echo1    echo echo tcp "-c 1 -s 64"      c-busy c netprog netprog-old netprog-busy netprog-old-busy netprog-sockets netprog-old-sockets dotnet-async socat xinetd ;;
    echo100)  measure echo100  echo echo tcp "-c 100 -s 64"    c netprog netprog-old netprog-sockets netprog-old-sockets dotnet-async socat xinetd ;;
    # socat and xinetd fork a process per connection: 1,000 processes measure the fork, not the server; left out.
    echo1000) measure echo1000 echo echo tcp "-c 1000 -s 64"   c netprog netprog-old netprog-sockets netprog-old-sockets netprog-aot dotnet-async ;;
    echo64k)  measure echo64k  echo echo tcp "-c 10 -s 65536"  c netprog netprog-old netprog-sockets netprog-old-sockets dotnet-async socat xinetd ;;
    udp)      measure udp      udp  echo udp "-c 8 -s 64"      c netprog netprog-old dotnet-async socat xinetd ;;
    time1)    measure time1    time daytime tcp "-c 1"         c netprog netprog-old netprog-sockets netprog-old-sockets dotnet-async socat xinetd ;;
    time16)   measure time16   time daytime tcp "-c 16"        c netprog netprog-old netprog-sockets netprog-old-sockets dotnet-async socat xinetd ;;
    idle)     idle ;;
    startup)  startup ;;
    crosscheck) crosscheck ;;
    *) note "unknown load $load" ;;
  esac
done

python3 "$root/bench/summarize.py" "$tsv" | tee "${tsv%.tsv}.md"
[ -n "$OLD_REV" ] && python3 "$root/bench/ab.py" "$tsv" | tee -a "${tsv%.tsv}.md"
note "raw: $tsv"
