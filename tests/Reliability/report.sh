#!/usr/bin/env bash
# Runs the attack suite (tests/Reliability) and writes the row each attack reports into docs/RELIABILITY.md, between the
# "attack-suite" markers, with the machine and the date: the figures there are the ones a run produced.
# Usage: tests/Reliability/report.sh   (as root, so that the raw-socket and privileged-port attacks run too)
set -u
cd "$(dirname "$(readlink -f "$0")")/../.." || exit 1
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT

NETPROG_RELIABILITY_REPORT=$rows dotnet test tests/Reliability -c Release --nologo >&2
status=$?

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), .NET $(dotnet --version)"
{
    echo "Run $(date -u +%Y-%m-%d) on $machine, by \`tests/Reliability/report.sh\`$([ "$(id -u)" = 0 ] || echo ' (not as root: the raw-socket attacks were skipped)')."
    echo
    echo "| attack | load | measured | result |"
    echo "|---|---|---|---|"
    cat "$rows"
} >"$rows.table"

awk -v table="$rows.table" '
    /<!-- attack-suite:begin -->/ { print; while ((getline line < table) > 0) print line; skipping = 1; next }
    /<!-- attack-suite:end -->/ { skipping = 0 }
    !skipping { print }
' docs/RELIABILITY.md >"$rows.doc" && mv "$rows.doc" docs/RELIABILITY.md
rm -f "$rows.table"
echo "docs/RELIABILITY.md: $(wc -l <"$rows") rows written" >&2
exit $status
