#!/usr/bin/env bash
# Fuzzes netprog's parsers with AFL++ and SharpFuzz (docs/FUZZING.md).
#
#   fuzz/run.sh [--seconds N] [--no-build] [target...]
#       N seconds per target (default 60); all targets when none is named; --no-build: use the existing Release build
#       of fuzz/NetProg.Fuzz (the tests, which run while dotnet test may still be building other projects)
#
# Installs what it needs when run as root on Debian/Ubuntu (afl++ with apt-get; the sharpfuzz tool into fuzz/.tools),
# builds fuzz/NetProg.Fuzz, instruments a copy of the netprog assemblies under fuzz/out/bin, then runs afl-fuzz on each
# target from its seeds in fuzz/corpus/<target>/, findings in fuzz/out/findings/<target>/. Prints per target: execs,
# corpus size, crashes, hangs.
# Exit: 0 nothing found, 1 a crash or hang was found (their paths are printed), 2 usage, 3 cannot fuzz here (the reason
# is printed: not Linux, or afl-fuzz / the sharpfuzz tool missing and not installable).
set -u
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
repo="$(dirname "$here")"
out="$here/out"
seconds=60
build=1
targets=()

while [ $# -gt 0 ]; do
    case "$1" in
        --seconds)
            [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz/run.sh: --seconds needs a whole number of seconds, 1 or more" >&2; exit 2; }
            seconds="$2"; shift 2 ;;
        --no-build)
            build=0; shift ;;
        -h|--help)
            awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "$0"; exit 0 ;;
        -*)
            echo "fuzz/run.sh: unknown option $1 (usage: fuzz/run.sh [--seconds N] [target...])" >&2; exit 2 ;;
        *)
            targets+=("$1"); shift ;;
    esac
done

cannot() { echo "fuzz/run.sh: cannot fuzz here: $*" >&2; exit 3; }

[ "$(uname -s)" = Linux ] || cannot "AFL++ runs on Linux only (on Windows use WSL)"
command -v dotnet >/dev/null 2>&1 || cannot "the .NET 10 SDK is needed (https://dot.net/download)"

if ! command -v afl-fuzz >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "fuzz/run.sh: installing afl++" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null 2>&1
        apt-get install -y -qq afl++ >/dev/null 2>&1 || echo "fuzz/run.sh: apt-get install afl++ failed" >&2
    fi
    command -v afl-fuzz >/dev/null 2>&1 || cannot "afl-fuzz is missing (sudo apt-get install afl++)"
fi

# The instrumenting tool, pinned to the SharpFuzz library's version, in a local tool path (no global install).
sharpfuzz="$here/.tools/sharpfuzz"
if [ ! -x "$sharpfuzz" ]; then
    dotnet tool install --tool-path "$here/.tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null 2>&1 \
        || cannot "could not install the dotnet tool SharpFuzz.CommandLine 2.3.0 into fuzz/.tools"
fi

if [ "$build" = 1 ]; then
    if ! dotnet build "$here/NetProg.Fuzz/NetProg.Fuzz.csproj" -c Release --nologo -v q >"$out.build.log" 2>&1; then
        cat "$out.build.log" >&2
        echo "fuzz/run.sh: the harness did not build" >&2
        exit 1
    fi
    rm -f "$out.build.log"
elif [ ! -f "$here/NetProg.Fuzz/bin/Release/net10.0/NetProg.Fuzz.dll" ]; then
    echo "fuzz/run.sh: --no-build, but fuzz/NetProg.Fuzz has no Release build" >&2
    exit 1
fi

# Instrument a copy: sharpfuzz rewrites assemblies in place, and the build output must stay clean for the tests.
rm -rf "$out/bin"
mkdir -p "$out/bin" "$out/findings"
cp -r "$here/NetProg.Fuzz/bin/Release/net10.0/." "$out/bin/"
for dll in "$out"/bin/NetProg.*.dll; do
    [ "$(basename "$dll")" = NetProg.Fuzz.dll ] && continue
    "$sharpfuzz" "$dll" >/dev/null || { echo "fuzz/run.sh: sharpfuzz could not instrument $(basename "$dll")" >&2; exit 1; }
done

# Replays and the target list use the plain build: instrumented code writes to AFL's shared memory, which exists only
# under afl-fuzz (outside it the instrumented assemblies fail with an AccessViolationException).
harness="$here/NetProg.Fuzz/bin/Release/net10.0/NetProg.Fuzz.dll"
mapfile -t known < <(dotnet "$harness" --list | awk '{print $1}')
[ ${#targets[@]} -gt 0 ] || targets=("${known[@]}")
for target in "${targets[@]}"; do
    if ! printf '%s\n' "${known[@]}" | grep -qx -- "$target"; then
        echo "fuzz/run.sh: no target '$target'; the targets are ${known[*]}" >&2
        exit 2
    fi
    [ -n "$(ls -A "$here/corpus/$target" 2>/dev/null)" ] || { echo "fuzz/run.sh: fuzz/corpus/$target/ has no seeds" >&2; exit 2; }
done

# The target program is `dotnet`, which afl-fuzz cannot see instrumented: SharpFuzz reports coverage through AFL's
# shared memory itself (AFL_SKIP_BIN_CHECK). Containers and CI machines: core_pattern is often a pipe to a crash
# handler and the CPU governor unreadable (AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES, AFL_SKIP_CPUFREQ); other builds
# share the cores, so no pinning (AFL_NO_AFFINITY).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
    AFL_FAST_CAL=1 AFL_NO_WARN_INSTABILITY=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_TieredPGO=0

stat_of() { awk -v k="$1" -F' *: *' '$1 == k {print $2}' "$2" 2>/dev/null; }

found=0
for target in "${targets[@]}"; do
    findings="$out/findings/$target"
    rm -rf "$findings"
    # -V: stop after N seconds of fuzzing. -t 10000: an input that takes 10 s is a hang (a parse takes microseconds;
    # the margin covers JIT and a loaded machine). The outer timeout bounds calibration and a stuck afl-fuzz. nice:
    # in ./test.sh other test projects run beside this one, some of them with deadlines; the fuzzer yields to them.
    timeout --kill-after=10 $((seconds + 120)) \
        nice -n 10 afl-fuzz -i "$here/corpus/$target" -o "$findings" -V "$seconds" -t 10000 -m none \
        -- dotnet "$out/bin/NetProg.Fuzz.dll" "$target" >"$findings.log" 2>&1
    status=$?
    stats="$findings/default/fuzzer_stats"
    if [ ! -f "$stats" ]; then
        echo "$target: afl-fuzz did not start (exit $status); the last lines of $findings.log:" >&2
        tail -n 15 "$findings.log" >&2
        found=1
        continue
    fi

    execs=$(stat_of execs_done "$stats")
    corpus=$(stat_of corpus_count "$stats")
    seeds=$(find "$here/corpus/$target" -type f | wc -l)
    crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
    hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
    echo "$target: ${execs:-0} execs in ${seconds} s, corpus ${corpus:-0} (from $seeds seeds), $crashes crashes, $hangs hangs"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "${execs:-0}" "${corpus:-0}" "$crashes" "$hangs" \
        >>"$out/history.tsv"

    if [ $((crashes + hangs)) -gt 0 ]; then
        found=1
        find "$findings/default/crashes" "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | sort | head -n 5 \
            | sed 's/^/  found: /'
        [ $((crashes + hangs)) -le 5 ] || echo "  ... and $((crashes + hangs - 5)) more under $findings/default/"
    fi
    if [ "$crashes" -gt 0 ]; then
        # Replay the first crash without afl-fuzz: the exception says what broke.
        first=$(find "$findings/default/crashes" -type f -name 'id:*' | sort | head -n 1)
        timeout 60 dotnet "$harness" "$target" "$first" | head -n 4 | sed 's/^/  /'
    fi
done

if [ "$found" -ne 0 ]; then
    echo "fuzz/run.sh: findings above; reproduce one with: dotnet fuzz/NetProg.Fuzz/bin/Release/net10.0/NetProg.Fuzz.dll <target> <file>" >&2
fi
exit "$found"
