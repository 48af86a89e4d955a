@echo off
rem netprog launcher for cmd.exe: builds the CLI into .build\netprog on first use or when sources changed, then
rem runs it. Its own words go to stderr only: one line while it builds (a first build takes about a minute); stdout
rem is netprog's alone (scripts parse it). Build output only on failure.
setlocal EnableExtensions DisableDelayedExpansion
set "ROOT=%~dp0"
set "DLL=%ROOT%.build\netprog\netprog.dll"

where dotnet >nul 2>nul
if errorlevel 1 (
  echo netprog needs the .NET 10 SDK ^(dotnet was not found on PATH^): get it from https://dot.net/download 1>&2
  exit /b 1
)

rem cmd cannot compare file times, so staleness uses the Archive attribute instead: Windows sets it on every
rem write, and this script clears it just before each build. A file still marked A (outside bin\ and obj\,
rem which test builds rewrite) changed since. A backup tool that clears A would hide a change: delete .build\.
if not exist "%DLL%" goto build
dir /s /b /a:a-d "%ROOT%src" 2>nul | findstr /v /i /c:"\\bin\\" /c:"\\obj\\" >nul && goto build
dir /b /a:a-d "%ROOT%Directory.*.props" "%ROOT%global.json" >nul 2>nul && goto build
goto run

:build
echo netprog: building netprog, about a minute the first time... 1>&2
attrib -a /s "%ROOT%src\*" >nul 2>nul
attrib -a "%ROOT%Directory.*.props" >nul 2>nul
attrib -a "%ROOT%global.json" >nul 2>nul
set "LOG=%TEMP%\netprog-build-%RANDOM%%RANDOM%.log"
pushd "%ROOT%"
dotnet build src\NetProg.Cli -c Release -o .build\netprog --nologo -v q <nul >"%LOG%" 2>&1
set "RC=%ERRORLEVEL%"
popd
if not "%RC%"=="0" (
  type "%LOG%" 1>&2
  del "%LOG%" >nul 2>nul
  rem The marks are cleared already: without the dll, the next run builds again instead of running a stale one.
  del "%DLL%" >nul 2>nul
  echo netprog: building src\NetProg.Cli failed ^(output above^). 1>&2
  exit /b 1
)
del "%LOG%" >nul 2>nul

:run
rem The commands netprog prints for a person to type start with the name this script was started by (%0 as typed:
rem netprog, netprog.cmd, ..\netprog.cmd); setlocal keeps it out of the caller's environment.
set "NETPROG_INVOKED_AS=%~0"
dotnet "%DLL%" %*
exit /b %ERRORLEVEL%
