#!/usr/bin/env python3
"""Holds N loopback TCP connections open plus their listener, prints the listener's port on stdout, then waits until
stdin closes: the load of bench/sockets/run.sh (2N+1 sockets in the table and in the /proc/<pid>/fd scan).

The accepted ends live in a forked child and the connecting ends here, so each process stays under a hard open-files
limit of 20,000 (getrlimit(2): an unprivileged process, or root in a container without CAP_SYS_RESOURCE, cannot raise
it). The child holds the listener alone, so the port has exactly one owner."""
import os
import resource
import socket
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
if hard != resource.RLIM_INFINITY and hard < count + 64:
    sys.exit(f"hold.py: {count} connections need an open-files limit above {count + 64} (hard limit {hard})")

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(4096)
port = listener.getsockname()[1]
ready_r, ready_w = os.pipe()
stop_r, stop_w = os.pipe()
child = os.fork()
if child == 0:
    os.close(ready_r)
    os.close(stop_w)
    held = [listener.accept()[0] for _ in range(count)]
    os.write(ready_w, b"1")
    os.read(stop_r, 1)  # EOF when the parent exits
    os._exit(0)

os.close(ready_w)
os.close(stop_r)
listener.close()
clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
os.read(ready_r, 1)
print(port, flush=True)
sys.stdin.read()
