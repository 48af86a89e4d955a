#!/usr/bin/env python3
"""Builds docs/tutorial/{en,ko}/*.md from docs/tutorial/src/{en,ko}/*.md by running every command they show.

The templates are Markdown with command blocks the generator executes, in Linux network namespaces that stand in
for the course's machines (see README.md here for the network):

    ```run pc                      each line is a command run on host "pc"; its output is inserted after it
    ```run laptop fails            the same, and every command in it must fail (exit non-zero); without "fails", exit 0
    ```start vm id=ts wait=RE n=2  one command started in the background (a server); shown with its output up to the
                                   n-th line matching RE (default: "listening on"), waited for with a timeout
    ```show ts wait=RE n=1         the window of a background command so far, after waiting for RE (n times)
    ```stop ts                     Ctrl+C (SIGINT) to a background command; its whole window, ending in ^C
    ```end ts                      waits for a background command to end by itself (capture --count); its window
    ```file NAME                   writes the block's lines to NAME in the scratch folder the commands run in (a C
                                   program to build, a .diff to patch it with); shown as a code block in the language
                                   of NAME's extension
    <!-- lab: vm-mode bridged|nat|host-only -->   rewires the VM's adapter, shown nowhere

Options of run/start: keep=FILE copies FILE from the scratch folder the commands run in to the output folder.

  generate.py                 regenerate docs/tutorial/en and docs/tutorial/ko (root: ip netns, nftables)
  generate.py --check         regenerate into a temporary folder and compare with the committed files, with times,
                              durations, ephemeral ports and PIDs masked; exit 1 with a diff when they differ
  generate.py --lang ko       one language only (repeatable)
  --chapter 04                only the chapters whose file name starts with 04
  --netprog-dll PATH          the netprog.dll to run (default: the repository's ./netprog launcher builds and runs it)
"""

from __future__ import annotations

import argparse
import difflib
import ipaddress
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LANGS = {"en": "en_US.UTF-8", "ko": "ko_KR.UTF-8"}

# Generous on purpose: a loaded 2-core CI machine JITs every netprog start. Nothing here sleeps to synchronise; these
# only bound waits on a line or an exit.
START_TIMEOUT = 90.0
COMMAND_TIMEOUT = 120.0
STOP_TIMEOUT = 30.0


class LabError(Exception):
    pass


def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(list(args), capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise LabError(f"{' '.join(args)} failed ({result.returncode}): {result.stdout}{result.stderr}")
    return result


class Lab:
    """The course's machines as network namespaces.

    LAN 172.30.1.0/24 (a home router's, as in the lecture): router br0 .254, pc eth0 .33, laptop eth0 .54; the VM's
    ens33 .58 when bridged. The router's "Internet" side 203.0.113.0/24 (a documentation range): router wan .10,
    friend eth0 .20. On pc, VMware's host-side networks: vmnet8 (NAT) 192.168.254.1/24, pc masquerades it behind its
    LAN address; vmnet1 (host-only) 192.168.159.1/24, no forwarding. The VM is 192.168.254.129 (NAT, gateway .1) or
    192.168.159.128 (host-only, no gateway). IPv6 is off on these links to keep listings short. Nothing here is
    connected to the machine's real network: every link ends in one of these namespaces.
    """

    HOSTS = ("router", "pc", "laptop", "vm", "friend")

    def __init__(self) -> None:
        self.prefix = f"tut{os.getpid()}"
        self.created: list[str] = []
        self.vm_mode: str | None = None

    def ns(self, host: str) -> str:
        return f"{self.prefix}-{host}"

    def ex(self, host: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return sh("ip", "netns", "exec", self.ns(host), *args, check=check)

    def build(self) -> None:
        for host in self.HOSTS:
            sh("ip", "netns", "add", self.ns(host))
            self.created.append(self.ns(host))
            self.ex(host, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1")
            self.ex(host, "ip", "link", "set", "lo", "up")

        self.bridge("router", "br0", "00:26:66:1e:00:fe", "172.30.1.254/24")
        self.link("pc", "eth0", "d8:bb:c1:0a:00:33", "router", "lan-pc", "02:00:00:00:01:33", bridge="br0")
        self.address("pc", "eth0", "172.30.1.33/24", gateway="172.30.1.254")
        self.link("laptop", "eth0", "d8:bb:c1:0a:00:54", "router", "lan-laptop", "02:00:00:00:01:54", bridge="br0")
        self.address("laptop", "eth0", "172.30.1.54/24", gateway="172.30.1.254")
        self.link("router", "wan", "00:26:66:1e:00:0a", "friend", "eth0", "f4:5c:89:00:00:20")
        self.address("router", "wan", "203.0.113.10/24")
        self.address("friend", "eth0", "203.0.113.20/24")
        self.ex("router", "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
        # The home router masquerades its LAN behind its one public address, as every home router does.
        self.nft("router", """
            table ip nat {
                chain prerouting { type nat hook prerouting priority dstnat; }
                chain postrouting { type nat hook postrouting priority srcnat; oifname "wan" masquerade; }
            }
            """)

        self.bridge("pc", "vmnet8", "00:50:56:c0:00:08", "192.168.254.1/24")
        self.bridge("pc", "vmnet1", "00:50:56:c0:00:01", "192.168.159.1/24")
        self.ex("pc", "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
        # VMware's NAT device: the VMs on vmnet8 go out with the host's address. Host-only (vmnet1) is not forwarded.
        self.nft("pc", """
            table ip nat {
                chain prerouting { type nat hook prerouting priority dstnat; }
                chain postrouting { type nat hook postrouting priority srcnat; ip saddr 192.168.254.0/24 oifname "eth0" masquerade; }
            }
            table ip filter {
                chain forward { type filter hook forward priority 0; iifname "vmnet1" drop; oifname "vmnet1" drop; }
            }
            """)
        self.set_vm_mode("bridged")

    def set_vm_mode(self, mode: str) -> None:
        """Rewires the VM's one adapter, ens33, as VMware's network setting does (the MAC stays the VM's)."""
        if mode == self.vm_mode:
            return
        if self.vm_mode is not None:
            self.ex("vm", "ip", "link", "del", "ens33")  # its peer goes with it
        if mode == "bridged":
            self.link("vm", "ens33", "00:0c:29:2c:61:39", "router", "lan-vm", "02:00:00:00:01:58", bridge="br0")
            self.address("vm", "ens33", "172.30.1.58/24", gateway="172.30.1.254")
        elif mode == "nat":
            self.link("vm", "ens33", "00:0c:29:2c:61:39", "pc", "vmnet8-vm", "02:00:00:00:08:29", bridge="vmnet8")
            self.address("vm", "ens33", "192.168.254.129/24", gateway="192.168.254.1")
        elif mode == "host-only":
            self.link("vm", "ens33", "00:0c:29:2c:61:39", "pc", "vmnet1-vm", "02:00:00:00:01:29", bridge="vmnet1")
            self.address("vm", "ens33", "192.168.159.128/24")
        else:
            raise LabError(f"unknown vm mode '{mode}' (bridged, nat, host-only)")
        self.vm_mode = mode

    def bridge(self, host: str, name: str, mac: str, cidr: str) -> None:
        self.ex(host, "ip", "link", "add", name, "address", mac, "type", "bridge")
        self.quiet_ipv6(host, name)
        self.ex(host, "ip", "link", "set", name, "up")
        self.address(host, name, cidr)

    def link(self, left: str, lname: str, lmac: str, right: str, rname: str, rmac: str, bridge: str | None = None) -> None:
        # Both ends are made inside their namespaces: no name in the root namespace, so two runs never collide.
        sh("ip", "link", "add", lname, "netns", self.ns(left), "address", lmac, "type", "veth",
           "peer", "name", rname, "netns", self.ns(right), "address", rmac)
        self.quiet_ipv6(left, lname)
        self.quiet_ipv6(right, rname)
        if bridge:
            self.ex(right, "ip", "link", "set", rname, "master", bridge)
        self.ex(left, "ip", "link", "set", lname, "up")
        self.ex(right, "ip", "link", "set", rname, "up")

    def quiet_ipv6(self, host: str, name: str) -> None:
        self.ex(host, "sysctl", "-q", "-w", f"net.ipv6.conf.{name}.disable_ipv6=1")

    def address(self, host: str, name: str, cidr: str, gateway: str | None = None) -> None:
        self.ex(host, "ip", "addr", "add", cidr, "dev", name)
        # quickack: the kernel acknowledges at once instead of delaying the ACK (up to 40 ms) in the hope of sending it
        # with data. Without it, whether a client's ACK of the server's FIN rides on its own FIN (a 3-packet close) or
        # goes alone (4 packets) depends on how fast the client closes, and the captures would differ between runs.
        # Invisible in /proc/net/route, so in no listing.
        interface = ipaddress.ip_interface(cidr)
        self.ex(host, "ip", "route", "replace", str(interface.network), "dev", name, "proto", "kernel", "scope", "link",
                "src", str(interface.ip), "quickack", "1")
        if gateway:
            self.ex(host, "ip", "route", "add", "default", "via", gateway, "quickack", "1")

    def nft(self, host: str, script: str) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".nft", delete=False) as f:
            f.write(script)
        try:
            self.ex(host, "nft", "-f", f.name)
        finally:
            os.unlink(f.name)

    def teardown(self) -> None:
        for name in reversed(self.created):
            sh("ip", "netns", "del", name, check=False)
        self.created.clear()


class Background:
    """A command running in the background: its merged stdout and stderr, line by line, as a terminal shows them."""

    def __init__(self, process: subprocess.Popen, shown: str) -> None:
        self.process = process
        self.shown = shown
        self.lines: list[str] = []
        self.cond = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            with self.cond:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.closed = True
            self.cond.notify_all()

    def wait_for(self, pattern: str, count: int, timeout: float) -> int:
        """Waits until `count` lines match; returns how many lines there were then."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                matches = [i for i, line in enumerate(self.lines) if regex.search(line)]
                if len(matches) >= count:
                    return matches[count - 1] + 1
                if self.closed:
                    raise LabError(f"'{self.shown}' ended before printing a line matching /{pattern}/:\n" + "\n".join(self.lines))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LabError(f"'{self.shown}' printed no line matching /{pattern}/ within {timeout:.0f} s:\n" + "\n".join(self.lines))
                self.cond.wait(left)

    def stop(self) -> list[str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            raise LabError(f"'{self.shown}' did not stop within {STOP_TIMEOUT:.0f} s of Ctrl+C")
        self.thread.join(STOP_TIMEOUT)
        return list(self.lines)

    def end(self) -> list[str]:
        """Waits for the command to end by itself (e.g. capture --count)."""
        try:
            code = self.process.wait(START_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            raise LabError(f"'{self.shown}' did not end by itself within {START_TIMEOUT:.0f} s:\n" + "\n".join(self.lines))
        self.thread.join(STOP_TIMEOUT)
        if code != 0:
            raise LabError(f"'{self.shown}' exited {code}:\n" + "\n".join(self.lines))
        return list(self.lines)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def screenshot(page: Path, png: Path) -> None:
    """A picture of a kept HTML page (the flow graph) for the Markdown to show; skipped in --check, which compares text."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print(f"generate: no chromium, so no {png.name} (apt-get install chromium)", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory(prefix="tutorial-chromium-") as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=1060,760",
                        f"--screenshot={png}", page.as_uri()],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)


class Runner:
    """Runs one language's templates against the lab."""

    def __init__(self, lab: Lab, lang: str, netprog: list[str], scratch: Path, out: Path, screenshots: bool) -> None:
        self.lab = lab
        self.screenshots = screenshots
        self.lang = lang
        self.scratch = scratch
        self.out = out
        self.background: dict[str, Background] = {}
        bin_dir = scratch / "bin"
        bin_dir.mkdir(parents=True, exist_ok=True)
        wrapper = bin_dir / "netprog"
        # The pages show netprog as a student who installed it types it: "netprog ...", not the launcher's full path.
        wrapper.write_text("#!/bin/sh\nNETPROG_INVOKED_AS=netprog exec " + " ".join(shlex.quote(a) for a in netprog) + ' "$@"\n')
        wrapper.chmod(0o755)
        self.path = f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}"

    def env(self, host: str) -> list[str]:
        home = self.scratch / "home" / host  # each machine its own home, so its own accounts.db
        home.mkdir(parents=True, exist_ok=True)
        values = {
            "PATH": self.path, "HOME": str(home), "LANG": LANGS[self.lang], "COLUMNS": "120", "TERM": "dumb",
            "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1",
        }
        for name in ("DOTNET_ROOT",):
            if name in os.environ:
                values[name] = os.environ[name]
        return ["env", "-i", *[f"{k}={v}" for k, v in values.items()]]

    def command(self, host: str, line: str, background: bool = False) -> list[str]:
        script = f"exec {line}" if background else line
        return ["ip", "netns", "exec", self.lab.ns(host), *self.env(host), "bash", "-c", script]

    def run(self, host: str, line: str, fails: bool) -> str:
        try:
            result = subprocess.run(self.command(host, line), cwd=self.scratch, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise LabError(f"{host}$ {line}: did not finish within {COMMAND_TIMEOUT:.0f} s")
        text = result.stdout.decode("utf-8", "replace").rstrip("\n")
        if fails and result.returncode == 0:
            raise LabError(f"{host}$ {line}: the tutorial says this fails, but it exited 0:\n{text}")
        if not fails and result.returncode != 0:
            raise LabError(f"{host}$ {line}: exited {result.returncode}:\n{text}")
        return text

    def keep(self, options: dict[str, str]) -> None:
        if "keep" in options:
            for name in options["keep"].split(","):
                shutil.copyfile(self.scratch / name, self.out / name)
                if name.endswith(".html") and self.screenshots:
                    screenshot(self.out / name, self.out / (name[:-5] + ".png"))

    def block(self, info: list[str], body: list[str]) -> list[str]:
        kind, args = info[0], info[1:]
        if kind == "file":
            name = args[0]
            if "/" in name or name.startswith("."):
                raise LabError(f"file {name}: a plain file name in the scratch folder")
            (self.scratch / name).write_text("\n".join(body) + "\n", encoding="utf-8")
            language = {".c": "c", ".h": "c", ".sh": "sh", ".txt": "text", ".diff": "diff"}.get(Path(name).suffix, "text")
            return [f"```{language}", *body, "```"]
        flags = {a for a in args if "=" not in a}
        options = dict(a.split("=", 1) for a in args if "=" in a)
        commands = [line for line in body if line.strip()]
        shown: list[str] = []
        if kind == "run":
            host = args[0]
            for line in commands:
                shown.append(f"{host}$ {line}")
                output = self.run(host, line, "fails" in flags)
                if output:
                    shown.extend(output.split("\n"))
            self.keep(options)
        elif kind == "start":
            host, ident = args[0], options["id"]
            if len(commands) != 1 or ident in self.background:
                raise LabError(f"start {ident}: one command, and an id not in use")
            process = subprocess.Popen(self.command(host, commands[0], background=True), cwd=self.scratch,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            job = Background(process, f"{host}$ {commands[0]}")
            self.background[ident] = job
            upto = job.wait_for(options.get("wait", "listening on"), int(options.get("n", "1")), START_TIMEOUT)
            shown.append(job.shown)
            shown.extend(job.lines[:upto])
        elif kind == "show":
            job = self.background[args[0]]
            upto = job.wait_for(options.get("wait", "."), int(options.get("n", "1")), START_TIMEOUT)
            shown.append(job.shown)
            shown.extend(job.lines[:upto])
        elif kind in ("stop", "end"):
            job = self.background.pop(args[0])
            shown.append(job.shown)
            if kind == "stop":
                shown.extend(job.stop())
                shown.append("^C")
            else:
                shown.extend(job.end())
            self.keep(options)
        else:
            raise LabError(f"unknown block '{kind}'")
        return ["```console", *(self.clean(line) for line in shown), "```"]

    def clean(self, line: str) -> str:
        """Shows the lab's temporary folders and namespace names as a student's machine would have them."""
        line = re.sub(re.escape(str(self.scratch)) + r"/home/[a-z]+", "~", line.rstrip("\r"))
        return line.replace(f"{self.scratch}/", "").replace(f"{self.lab.prefix}-", "")

    def render(self, template: Path) -> str:
        lines = template.read_text(encoding="utf-8").split("\n")
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            m = re.match(r"^```(run|start|show|stop|end|file)\b(.*)$", line)
            lab = re.match(r"^<!-- lab: (.*) -->$", line)
            if m:
                end = i + 1
                while end < len(lines) and lines[end] != "```":
                    end += 1
                if end == len(lines):
                    raise LabError(f"{template.name}:{i + 1}: block not closed")
                try:
                    out.extend(self.block([m.group(1), *shlex.split(m.group(2))], lines[i + 1:end]))
                except LabError as e:
                    raise LabError(f"{template.name}:{i + 1}: {e}") from None
                i = end + 1
                continue
            if lab:
                words = lab.group(1).split()
                if words[0] == "vm-mode":
                    self.lab.set_vm_mode(words[1])
                else:
                    raise LabError(f"{template.name}:{i + 1}: unknown lab action '{words[0]}'")
                i += 1
                # The directive's line is gone; so is the blank line that set it apart.
                if i < len(lines) and not lines[i].strip() and out and not out[-1].strip():
                    i += 1
                continue
            out.append(line)
            i += 1
        if self.background:
            names = ", ".join(self.background)
            for job in self.background.values():
                job.kill()
            self.background.clear()
            raise LabError(f"{template.name}: left running at the end of the chapter: {names} (stop them in the template)")
        header = (f"<!-- Generated by docs/tutorial/generate.py from src/{self.lang}/{template.name}: edit that, "
                  f"then run the generator. -->\n")
        return header + "\n".join(out)

    def close(self) -> None:
        for job in self.background.values():
            job.kill()
        self.background.clear()


# What changes from one run to the next: clock times, durations, ephemeral ports, PIDs, capture offsets. Masked in
# --check only; the committed files keep the real values.
MASKS = [
    # check's abrupt-close: how much a client could send before the server's buffers were full depends on the kernel's
    # autotuning of the moment; and a connection that reaches a server dying of SIGPIPE lands in its backlog (reset) or
    # finds the port closed (refused), by a race of microseconds. The verdict and the cause stay compared.
    (re.compile(r"\b\d[\d,]* bytes without reading"), "<n> bytes without reading"),
    (re.compile(r"(?<=읽지 않고 )\d[\d,]*바이트"), "<n>바이트"),
    (re.compile(r"(the next client|다음 클라이언트): [^;]*;"), r"\1: <not served>;"),
    # check's restart: how many of the server's connections are still closing when it stops depends on how fast the
    # checks before it finished theirs.
    (re.compile(r"(TIME_WAIT or FIN_WAIT: )\d+"), r"\1<n>"),
    (re.compile(r"(FIN_WAIT에 남은 포트 \d+의 연결: )\d+개"), r"\1<n>개"),
    # time-client's clock comparison: "same as this machine's (± 0.5 s)" here, but on a machine loaded enough that the
    # reply waits longer on one leg than the other, the estimate can come out "0.6 s behind". The line holds no other
    # fact; "±" is kept by every language.
    (re.compile(r"^.*±.*$", re.M), "<clock comparison>"),
    (re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}"), "<ctime>"),
    (re.compile(r"\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?"), "<datetime>"),
    (re.compile(r"@if\d+"), "@if<n>"),
    (re.compile(r"\b\d\d:\d\d:\d\d(\.\d+)?"), "<time>"),
    (re.compile(r"\b\d[\d.,]*\s*(ns|µs|us|ms|s|seconds?)\b"), "<dur>"),
    (re.compile(r"(?<=[:.\]])(3[2-9]\d{3}|[4-6]\d{4})\b"), "<port>"),
    (re.compile(r"\bpid \d+"), "pid <pid>"),
    (re.compile(r"\b\d+(?= +(netprog|dotnet)\b)"), "<pid>"),
    (re.compile(r"\bwin=\d+"), "win=<n>"),
    (re.compile(r"^ *\d+\.\d{6} ", re.M), "<t> "),
]


def mask(text: str) -> str:
    for regex, replacement in MASKS:
        text = regex.sub(replacement, text)
    # Tables pad their columns to the widest cell, and a masked value changes that width.
    return "\n".join(re.sub(r"[ ─]+", " ", line).rstrip() for line in text.split("\n"))


def generate(langs: list[str], target: Path, netprog: list[str], chapter: str = "", screenshots: bool = True) -> None:
    for lang in langs:
        templates = sorted((HERE / "src" / lang).glob(f"{chapter}*.md"))
        if not templates:
            raise LabError(f"no templates {chapter}*.md in {HERE / 'src' / lang}")
        out = target / lang
        out.mkdir(parents=True, exist_ok=True)
        for template in templates:
            print(f"generate: {lang}/{template.name}", file=sys.stderr)
            # A fresh network and fresh machines per chapter: no socket in TIME_WAIT, account or rule left over from
            # another chapter shows up in this one's listings.
            lab = Lab()
            try:
                lab.build()
                with tempfile.TemporaryDirectory(prefix=f"tutorial-{lang}-") as scratch:
                    runner = Runner(lab, lang, netprog, Path(scratch), out, screenshots)
                    try:
                        (out / template.name).write_text(runner.render(template) + "\n", encoding="utf-8")
                    finally:
                        runner.close()
            finally:
                lab.teardown()


def check(langs: list[str], netprog: list[str], chapter: str = "") -> int:
    with tempfile.TemporaryDirectory(prefix="tutorial-check-") as tmp:
        generate(langs, Path(tmp), netprog, chapter, screenshots=False)
        failed = False
        for lang in langs:
            for fresh in sorted((Path(tmp) / lang).glob("*.md")):
                committed = HERE / lang / fresh.name
                if not committed.exists():
                    print(f"check: docs/tutorial/{lang}/{fresh.name} is not committed (run docs/tutorial/generate.py)")
                    failed = True
                    continue
                a = mask(committed.read_text(encoding="utf-8")).split("\n")
                b = mask(fresh.read_text(encoding="utf-8")).split("\n")
                if a != b:
                    failed = True
                    print(f"check: docs/tutorial/{lang}/{fresh.name} differs from what the program prints now "
                          f"(volatile values masked; run docs/tutorial/generate.py and commit):")
                    sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(
                        a, b, f"committed/{lang}/{fresh.name}", f"generated/{lang}/{fresh.name}", lineterm="", n=2))
        if not failed:
            print(f"check: docs/tutorial ({', '.join(langs)}) matches what netprog prints")
        return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--lang", choices=sorted(LANGS), action="append")
    parser.add_argument("--netprog-dll")
    parser.add_argument("--chapter", default="", help="only the chapters whose file name starts with this, e.g. 04")
    args = parser.parse_args()
    if sys.platform != "linux" or os.geteuid() != 0:
        print("generate.py: needs root on Linux (it builds network namespaces with ip and nft)", file=sys.stderr)
        return 2
    for tool in ("ip", "nft"):
        if shutil.which(tool) is None:
            print(f"generate.py: needs '{tool}' (apt-get install iproute2 nftables)", file=sys.stderr)
            return 2
    if args.netprog_dll:
        netprog = ["dotnet", str(Path(args.netprog_dll).resolve())]
    else:
        # Build once up front (the launcher builds when the sources are newer), not inside the first timed command.
        subprocess.run([str(REPO / "netprog"), "--version"], check=True, stdout=subprocess.DEVNULL)
        netprog = [str(REPO / "netprog")]
    langs = args.lang or list(LANGS)
    # Ctrl+C or SIGTERM: tear the namespaces down on the way out (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    try:
        if args.check:
            return check(langs, netprog, args.chapter)
        generate(langs, HERE, netprog, args.chapter)
        return 0
    except LabError as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
