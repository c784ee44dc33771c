#!/usr/bin/env python3
"""batch-throughput.py -- crier batch with -j 2 against -j 1, in the same run.

usage: bench/batch-throughput.py [--crier PATH] [--n 200] [--format mp3] [--rounds 2]

Generates N articles (gen-articles.py: text dumps and HTML pages, the
bundled sample, and a few broken files), then runs the whole batch from
scratch with -j 1 and with -j 2, interleaved (j1 j2 j1 j2 ...) so that load
from elsewhere hits both. Throughput is articles per second of wall time;
the score is the best -j 2 run against the best -j 1 run, and the target
on two cores is at least 1.7. Each run also reports the CPU time its
processes used and the machine's load average before it started: on a
shared machine, a -j 2 run that got less than two cores shows up as CPU
time well below 2 x wall time. Exits 1 below the target.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--crier", default=os.path.join(here, "..", "build", "bin", "crier"))
ap.add_argument("--n", type=int, default=200)
ap.add_argument("--format", default="mp3")
ap.add_argument("--rounds", type=int, default=2)
args = ap.parse_args()

tmp = tempfile.mkdtemp(prefix="crier-bench-")
try:
    inp = os.path.join(tmp, "in")
    subprocess.run([sys.executable, os.path.join(here, "gen-articles.py"), inp, str(args.n),
                    "--sample", os.path.join(here, "..", "samples", "kosovo-nato.txt"), "--broken"],
                   check=True)

    def run(jobs):
        out = os.path.join(tmp, "out")
        shutil.rmtree(out, ignore_errors=True)
        report = os.path.join(tmp, "report.json")
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run([args.crier, "batch", "-q", "-j", str(jobs), "--format", args.format,
                            inp, "-d", out, "--report", report], stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if p.returncode not in (0, 1):
            sys.exit(f"crier batch -j {jobs} failed ({p.returncode}): {p.stderr}")
        r = json.load(open(report))
        print(f"  -j {jobs}: {wall:7.2f} s wall, {cpu:7.2f} s CPU ({cpu / wall:.2f} cores busy), "
              f"load before {load:.2f}; {r['done']} done, {r['failed']} failed, "
              f"{sum(a['seconds'] for a in r['articles']) / 3600:.2f} h of audio", flush=True)
        return wall

    print(f"batch of {args.n} articles ({args.format}) on {os.cpu_count()} cores", flush=True)
    j1, j2 = [], []
    for _ in range(args.rounds):
        j1.append(run(1))
        j2.append(run(2))
    ratio = min(j1) / min(j2)
    print(f"throughput ratio -j 2 / -j 1: {ratio:.2f} "
          f"(best of {args.rounds}: {min(j1):.2f} s vs {min(j2):.2f} s; target >= 1.70)")
    sys.exit(0 if ratio >= 1.70 else 1)
finally:
    shutil.rmtree(tmp, ignore_errors=True)
