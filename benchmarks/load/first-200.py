#!/usr/bin/env python3
"""Startup of one server JVM: time from its launch to its first 200 on /hello, the CPU it used until then, and its
resident memory and live heap once idle.

  first-200.py PORT LOG IDLE_SECONDS COMMAND...

Launches COMMAND (its output to LOG), sends GET /hello to 127.0.0.1:PORT every 5 ms until one answers 200 (deadline:
120 s), reads the process's VmRSS IDLE_SECONDS later (an idle server: the startup's short-lived garbage and threads
settled or not, as a deployment sees it), then the heap it takes (jcmd GC.run, then the used heap of GC.heap_info: what
survives a full collection), stops it, and prints "MS RSS_MB CPU_MS HEAP_MB": CPU_MS is the JVM's user and system
time (all its threads: JIT, GC, the application's) at the first 200. Used by http-wrk.sh.
"""
import http.client
import os
import re
import subprocess
import sys
import time


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def live_heap_mb(pid, command):
    """The heap in use after a full collection, through the jcmd beside the server's java (the same JDK)."""
    java = next((a for a in command if os.path.basename(a) == "java"), "java")
    jcmd = os.path.join(os.path.dirname(java), "jcmd") if os.path.dirname(java) else "jcmd"
    subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, check=True, timeout=60)
    info = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, check=True, text=True, timeout=60)
    used = re.search(r"used (\d+)K", info.stdout)
    if used is None:
        raise RuntimeError(f"no used heap in jcmd GC.heap_info: {info.stdout}")
    return int(used.group(1)) / 1024


def main():
    port, log, idle = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    with open(log, "w") as out:
        start = time.monotonic()
        server = subprocess.Popen(sys.argv[4:], stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = start + 120
            while True:
                if server.poll() is not None:
                    sys.exit(f"the server exited with {server.returncode} before answering; see {log}")
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/hello")
                    status = conn.getresponse().status
                    conn.close()
                    if status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    sys.exit(f"no 200 from port {port} within 120 s; see {log}")
                time.sleep(0.005)
            elapsed_ms = (time.monotonic() - start) * 1000
            with open(f"/proc/{server.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            cpu_ms = (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
            # A measurement interval, not synchronisation: the footprint of a server that has been idle this long.
            time.sleep(idle)
            rss = rss_mb(server.pid)
            result = f"{elapsed_ms:.0f} {rss:.1f} {cpu_ms:.0f} {live_heap_mb(server.pid, sys.argv[4:]):.1f}"
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    # Printed only once the server has exited: the caller starts the next server when it reads this line, and a
    # server still shutting down would take CPU from that start (or, on the same port, answer for it).
    print(result)


if __name__ == "__main__":
    main()
