# netprog launcher for PowerShell (Windows PowerShell 5.1 and PowerShell 7): builds the CLI into .build/netprog
# on first use or when a source is newer than the dll, then runs it. Its own words go to stderr only: one line while
# it builds (a first build takes about a minute); stdout is netprog's alone (scripts parse it). Build output only
# when the build fails.
# Windows blocks .ps1 files under the default execution policy; use netprog.cmd, or once:
#   Set-ExecutionPolicy -Scope CurrentUser RemoteSigned

$root = $PSScriptRoot
$dll = Join-Path $root '.build/netprog/netprog.dll'

if (-not (Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine('netprog needs the .NET 10 SDK (dotnet was not found on PATH): get it from https://dot.net/download')
    exit 1
}

function Test-Stale {
    if (-not (Test-Path -LiteralPath $dll)) { return $true }
    $built = (Get-Item -LiteralPath $dll).LastWriteTimeUtc
    # bin/ and obj/ are skipped: test builds write there without changing what netprog is built from.
    $inputs = @(Get-ChildItem -LiteralPath (Join-Path $root 'src') -Recurse -File |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }) +
        @(Get-ChildItem -LiteralPath $root -File | Where-Object { $_.Name -like 'Directory.*.props' -or $_.Name -eq 'global.json' })
    return [bool]($inputs | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if (Test-Stale) {
    [Console]::Error.WriteLine('netprog: building netprog, about a minute the first time...')
    $start = [DateTime]::UtcNow
    Push-Location -LiteralPath $root
    try {
        $log = & dotnet build src/NetProg.Cli -c Release -o .build/netprog --nologo -v q 2>&1
        $failed = $LASTEXITCODE -ne 0
    }
    finally {
        Pop-Location
    }
    if ($failed) {
        $log | ForEach-Object { [Console]::Error.WriteLine("$_") }
        [Console]::Error.WriteLine('netprog: building src/NetProg.Cli failed (output above).')
        exit 1
    }
    # The build's start time, not now: MSBuild may keep an unchanged dll's old time, and a source saved during
    # the build must still count as newer next time.
    (Get-Item -LiteralPath $dll).LastWriteTimeUtc = $start
}

# The commands netprog prints for a person to type start with the name this script was started by (.\netprog.ps1,
# or netprog through PATH). A script runs in the caller's session: the variable is put back afterwards.
$previous = $env:NETPROG_INVOKED_AS
$env:NETPROG_INVOKED_AS = $MyInvocation.InvocationName
try {
    & dotnet $dll @args
    $code = $LASTEXITCODE
}
finally {
    $env:NETPROG_INVOKED_AS = $previous
}
exit $code
