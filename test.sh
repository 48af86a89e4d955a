#!/usr/bin/env bash
# Runs every test of netprog: unit tests, real sockets on loopback, and interop with programs nobody here wrote
# (nc, socat, xinetd, the course's C programs built with gcc, a throwaway PostgreSQL server, Wine running the Windows build). Installs those peers with apt-get when run as root on
# Debian/Ubuntu; otherwise says which are missing (their tests then fail with that reason).
# Ends with one line: "N passed, N failed, N skipped".
set -u
cd "$(dirname "$(readlink -f "$0")")" || exit 1

# Started in the background by a shell without job control (`nohup ./test.sh &` in a script), this shell and every server
# the tests start inherit SIGINT *ignored*, which a program must keep (POSIX: that is how a shell protects background
# jobs from Ctrl+C), so the tests that stop servers with SIGINT, as a student's Ctrl+C does, would fail. Bash cannot
# undo an ignore it inherited: start again through python3 with SIGINT's default action (and SIGPIPE's and SIGXFSZ's,
# which python3 itself ignores).
sigign="$(awk '/^SigIgn:/ {print $2}' /proc/self/status 2>/dev/null)"
if [ -n "$sigign" ] && (( (16#$sigign >> 1) & 1 )) && [ -z "${NETPROG_SIGINT_RESET:-}" ] && command -v python3 >/dev/null 2>&1; then
    echo "test.sh: SIGINT was ignored (started in the background?); restarting with its default action"
    exec env NETPROG_SIGINT_RESET=1 python3 -c 'import os, signal, sys; [signal.signal(s, signal.SIG_DFL) for s in (signal.SIGINT, signal.SIGPIPE, signal.SIGXFSZ)]; os.execvp(sys.argv[1], sys.argv[1:])' "$PWD/test.sh" "$@"
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET 10 SDK is needed (https://dot.net/download)." >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

# Debian package per command the tests run.
declare -A peers=([nc]=netcat-openbsd [socat]=socat [xinetd]=xinetd [gcc]=gcc [ip]=iproute2 [lsof]=lsof [nft]=nftables [tshark]=tshark [chromium]=chromium [afl-fuzz]=afl++ [netstat]=net-tools [python3]=python3 [zsh]=zsh)
missing=()
for cmd in "${!peers[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${peers[$cmd]}")
done
# PostgreSQL's server binaries are not on PATH (Debian keeps them in /usr/lib/postgresql/N/bin); the account store tests
# start a throwaway server with them.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
# The Windows build's tests (tests/Windows) run netprog.exe under 64-bit Wine, whose loader is not on PATH (package wine64;
# the `wine` wrapper of package wine is not needed).
[ -x /usr/lib/wine/wine64 ] || missing+=(wine64)
# netprog capture loads libpcap at run time (SharpPcap); no command to look for, so look for the library.
compgen -G "/usr/lib/*/libpcap.so.0.8" >/dev/null || compgen -G "/usr/lib/libpcap.so.0.8" >/dev/null || missing+=(libpcap0.8)
# netcat-traditional also provides nc, without the -N flag the tests use.
if command -v nc >/dev/null 2>&1 && ! nc -h 2>&1 | grep -q -- '-N'; then
    missing+=(netcat-openbsd)
fi
# Daemons that apt installs (xinetd, postgresql) must not start as services: the tests start their own, on ports of their
# own. invoke-rc.d asks /usr/sbin/policy-rc.d first, and exit code 101 means "action forbidden" (Debian Policy, the
# invoke-rc.d interface). Written only when none exists; removed afterwards only when this script wrote it.
policy_rc=/usr/sbin/policy-rc.d
policy_rc_ours=""
forbid_services() {
    if [ ! -e "$policy_rc" ] && printf '#!/bin/sh\n# written by netprog test.sh while it installs test peers: no service starts\nexit 101\n' >"$policy_rc" 2>/dev/null; then
        chmod 755 "$policy_rc"
        policy_rc_ours=1
    fi
}
allow_services() {
    if [ -n "$policy_rc_ours" ]; then
        rm -f "$policy_rc"
        policy_rc_ours=""
    fi
}
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        # One line per step here; apt's own output goes to a log file, named when a step fails.
        aptlog=$(mktemp "${TMPDIR:-/tmp}/netprog-apt.XXXXXX")
        export DEBIAN_FRONTEND=noninteractive
        trap allow_services EXIT
        forbid_services
        echo "test.sh: updating the package lists (apt log: $aptlog)" >&2
        apt-get update -qq >>"$aptlog" 2>&1 || echo "test.sh: apt-get update failed (output in $aptlog); installing from the lists there are" >&2
        # tshark's wireshark-common asks whether non-root users may capture; answer it, or the install waits for a person.
        echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections >>"$aptlog" 2>&1
        echo "test.sh: installing ${missing[*]} (apt log: $aptlog)" >&2
        apt-get install -y -qq "${missing[@]}" >>"$aptlog" 2>&1 || echo "test.sh: apt-get install ${missing[*]} failed (output in $aptlog); their tests will fail" >&2
        allow_services
        trap - EXIT
    else
        echo "test.sh: missing ${missing[*]} (install them, e.g. sudo apt-get install ${missing[*]}); their interop tests will fail" >&2
    fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# --blame-hang-timeout: a hung test is killed and reported, never a hung run.
dotnet test netprog.slnx -c Release --nologo --blame-hang-timeout 5m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one summary line per test project: "Passed!  - Failed: 0, Passed: 42, Skipped: 1, Total: 43, ..."
summary=$(awk '/^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {gsub(",", ""); f += $4; p += $6; s += $8; n++}
    END {printf "%d %d %d %d", p, f, s, n}' "$log")
read -r passed failed skipped projects <<<"$summary"
expected=$(grep -c '<Project Path="tests/' netprog.slnx)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build failed, or a test host crashed before reporting: count it as a failure, never as green.
    failed=1
fi
if [ "$projects" -lt "$expected" ]; then
    echo "test.sh: only $projects of $expected test projects reported results" >&2
    [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
