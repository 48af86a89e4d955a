#!/usr/bin/env bash
# bench/startup/floor.sh [ROUNDS] [STARTS]: how far netprog's start-up is from C's, and why
# (bench/history/2026-11-steps-1-27.md, step 26).
#
# Times four clients of the C daytime server (bench/baselines/epoll_server.c) from exec to exit with spawn_time (no
# shell in between): the course's C time_client; the smallest Native AOT .NET program that does the same
# (bench/baselines/dotnet-aot-time-client, the floor of any .NET start); netprog's Native AOT build as scripts/publish
# makes it; and the same build with time-client as its only command (a copy of the sources whose command table,
# CliApp.AllCommands, is cut to that entry, so the AOT compiler leaves every other command's code and types out). The
# clients alternate, STARTS starts each per round (default 20), ROUNDS rounds (default 5); the table gives the median of
# the rounds' medians. Also: minor page faults per start and the size of the `.hydrated` section, the type data the
# runtime writes before Main (step 17 there). Needs gcc, clang (AOT), the .NET SDK, readelf. About 5 minutes of AOT compiling.
set -euo pipefail

rounds="${1:-5}"
starts="${2:-20}"
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
out="$root/bench/.out/startup"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$out"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
note() { echo "floor: $*" >&2; }

note "building the C programs"
gcc -O2 -Wall -o "$out/spawn_time" "$root/bench/startup/spawn_time.c"
gcc -O2 -Wall -o "$out/epoll_server" "$root/bench/baselines/epoll_server.c"
gcc -O2 -w -o "$out/time_client" "$root/tests/Integration/course-c/time_client.c"

# scripts/publish's AOT flags (Release, no debug symbols; analysis warnings reported, not fatal).
aot() {
  local project="$1" dest="$2" log="$work/publish.log"
  rm -rf "$dest"
  if ! dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:DebugType=none -p:UseSharedCompilation=false \
      -p:IlcTreatWarningsAsErrors=false -p:ILLinkTreatWarningsAsErrors=false --nologo -v q -o "$dest" >"$log" 2>&1; then
    tail -n 5 "$log" >&2
    note "Native AOT publish of $project failed (needs clang and zlib1g-dev)"
    exit 1
  fi
}

note "publishing the minimal AOT client"
aot "$root/bench/baselines/dotnet-aot-time-client" "$out/minimal"
note "publishing netprog (Native AOT)"
aot "$root/src/NetProg.Cli" "$out/netprog"

note "publishing netprog with time-client as its only command (Native AOT)"
(cd "$root" && git ls-files -z src Directory.Build.props Directory.Packages.props global.json \
  | xargs -0 cp --parents -t "$work/")
python3 - "$work/src/NetProg.Cli/CliApp.cs" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
cut, n = re.subn(r'(AllCommands =\s*\[)(.*?)(\];)', r'\1\n        ("time-client", TimeClientCommand.Create),\n    \3', text, count=1, flags=re.S)
if n != 1 or '("time-client", TimeClientCommand.Create)' not in text:
    sys.exit("floor: CliApp.AllCommands is not where this script expects it; update bench/startup/floor.sh")
open(path, "w").write(cut)
PY
aot "$work/src/NetProg.Cli" "$out/netprog-time-client-only"

"$out/epoll_server" -s daytime -p 0 -a 127.0.0.1 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/server.log" && break; sleep 0.05; done
port="$(grep -o 'listening on [^ ]*' "$work/server.log" | grep -o ':[0-9]*' | tail -1 | tr -d :)"
[ -n "$port" ] || { note "the C daytime server did not start"; exit 1; }

names=(c-time_client dotnet-aot-minimal netprog-aot-time-client-only netprog-aot)
declare -A cmd=(
  [c-time_client]="$out/time_client 127.0.0.1 $port"
  [dotnet-aot-minimal]="$out/minimal/dotnet-aot-time-client 127.0.0.1 $port"
  [netprog-aot-time-client-only]="$out/netprog-time-client-only/netprog time-client 127.0.0.1 $port"
  [netprog-aot]="$out/netprog/netprog time-client 127.0.0.1 $port"
)
declare -A exe=(
  [c-time_client]="$out/time_client"
  [dotnet-aot-minimal]="$out/minimal/dotnet-aot-time-client"
  [netprog-aot-time-client-only]="$out/netprog-time-client-only/netprog"
  [netprog-aot]="$out/netprog/netprog"
)
results="$work/results.tsv"
for name in "${names[@]}"; do ${cmd[$name]} >/dev/null; done   # page cache, once each
for round in $(seq "$rounds"); do
  # Rotate the order each round, so that none always runs first.
  for i in "${!names[@]}"; do
    name="${names[$(( (i + round) % ${#names[@]} ))]}"
    # shellcheck disable=SC2086
    printf '%s\t%s\n' "$name" "$("$out/spawn_time" "$starts" ${cmd[$name]})" >>"$results"
  done
done

note "$rounds rounds of $starts starts each, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" "${names[@]}" <<'PY' "$(for n in "${names[@]}"; do printf '%s=%s ' "$n" "${exe[$n]}"; done)"
import re, statistics, subprocess, sys
path, names, exes = sys.argv[1], sys.argv[2:-1], dict(p.split("=", 1) for p in sys.argv[-1].split())
rows = {}
for line in open(path):
    name, fields = line.rstrip("\n").split("\t")
    values = dict(f.split("=") for f in fields.split())
    if int(values["failures"]):
        sys.exit(f"floor: {name} failed {values['failures']} times")
    rows.setdefault(name, []).append(values)
def med(name, key): return statistics.median(float(v[key]) for v in rows[name])
def hydrated(exe):
    out = subprocess.run(["readelf", "-S", "-W", exe], capture_output=True, text=True).stdout
    m = re.search(r"\.hydrated\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", out)
    return f"{int(m.group(1), 16) / 1e6:.2f} MB" if m else "–"
base = med(names[0], "wall_ms")
print("| client | wall ms | CPU ms | page faults | `.hydrated` | ratio to C (wall) |")
print("|---|---:|---:|---:|---:|---:|")
for n in names:
    print(f"| {n} | {med(n, 'wall_ms'):.1f} | {med(n, 'cpu_ms'):.1f} | {med(n, 'minflt'):.0f} | {hydrated(exes[n])} | {med(n, 'wall_ms') / base:.1f} |")
PY
