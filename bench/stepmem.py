"""Memory and time at each release step of one build: where the peak is.

    PYTHONPATH=build python bench/stepmem.py build --corpus W/corpus --schema schema --out W/release --jobs 1

Runs ``acftu-talks ARGS`` in this process with every release step wrapped,
and prints for each step the seconds since start, the resident set size
(``VmRSS``) and the process's peak so far (``ru_maxrss``) as it starts and
as it ends. The peak at the start of the first step is what the
per-document part needed; the relation step's own peak shows at its end.
One process: use ``--jobs 1`` so that the per-document work is counted here
and not in workers.
"""
from __future__ import annotations

import functools
import resource
import sys
import time


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def wrapped(step, start: float, out):
    @functools.wraps(step)
    def run(*args, **kwargs):
        print(f"{time.time() - start:8.1f} s  start {step.__name__:<24} RSS {rss_mb():>6} MB  peak {peak_mb():>6} MB",
              file=out, flush=True)
        result = step(*args, **kwargs)
        print(f"{time.time() - start:8.1f} s  end   {step.__name__:<24} RSS {rss_mb():>6} MB  peak {peak_mb():>6} MB",
              file=out, flush=True)
        return result
    return run


def main(argv: list[str]) -> int:
    from acftu_talks import cli
    from acftu_talks.release import finish
    start = time.time()
    finish.STEPS = tuple(wrapped(step, start, sys.stdout) for step in finish.STEPS)
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
