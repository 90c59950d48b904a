"""How documents are run: in this process, or by a pool of worker processes.

Kept apart from *what* runs: :func:`run` maps a function over tasks and
yields the results in task order, whatever the number of workers, so that a
release is the same bytes for any ``--jobs``.
"""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .release import write

T = TypeVar("T")
R = TypeVar("R")

# Below this many tasks a worker pool costs more than it saves.
PARALLEL_MIN_TASKS = 64
CHUNK_TASKS = 8  # tasks sent to a worker at once (fewer round trips)
WINDOW_PER_JOB = 3  # chunks in flight per worker


# A pool pays only with cores to spare beside the writing process: on two
# CPUs, two workers took 10-15 % more CPU than one at 100 and 300 documents
# and no less wall time (bench/README.md, "Workers and batches").
POOL_MIN_CPUS = 3


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def default_jobs() -> int:
    """Worker processes when ``--jobs`` is not given: one per CPU from
    POOL_MIN_CPUS CPUs on, else one (no pool)."""
    found = cpus()
    return found if found >= POOL_MIN_CPUS else 1


# The arguments every task of the running pool shares (see run's ``common``),
# set once in each worker.
_common: tuple = ()


def _start_worker(common: tuple) -> None:
    """Pool initializer: a worker of a killed build must not outlive it, nor
    keep the staging folder's lock (its fd was inherited by the fork)."""
    global _common
    _common = common
    write.forget_locks()
    # Ctrl-C reaches every process of the group: the parent alone answers it
    # (one line, then the pool is terminated), the workers print nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL (Linux)
    except (OSError, AttributeError):
        pass


class _Chunk:
    """A picklable 'apply ``fn`` to each task of a chunk, ``pack`` the results'."""

    def __init__(self, fn: Callable[..., R], pack: Callable[[list], object] | None):
        self.fn, self.pack = fn, pack

    def __call__(self, chunk: Sequence[tuple]):
        results = [self.fn(*task, *_common) for task in chunk]
        return results if self.pack is None else self.pack(results)


def pooled(tasks: int, jobs: int) -> bool:
    """Whether :func:`run` gives ``tasks`` tasks to a pool of workers."""
    return jobs > 1 and tasks >= PARALLEL_MIN_TASKS


def run(fn: Callable[..., R], tasks: Sequence[tuple], jobs: int = 1,
        pack: Callable[[list[R]], object] | None = None,
        unpack: Callable[[object], Iterable[R]] | None = None, common: tuple = ()) -> Iterator[R]:
    """``fn(*task, *common)`` for every task, in task order; a pool of ``jobs``
    worker processes when there are enough tasks to pay for it. ``common``
    reaches each worker once, not with every chunk of tasks (a corpus's
    registries grow with the corpus). With a pool, a worker sends
    ``pack(results)`` of each chunk, and this process yields what ``unpack``
    makes of it: a form cheaper to pass between processes than the results
    (given together, or neither)."""
    if not pooled(len(tasks), jobs):
        for task in tasks:
            yield fn(*task, *common)
        return
    import multiprocessing  # only when a pool starts: most builds run in one process
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    apply_chunk = _Chunk(fn, pack)
    with context.Pool(jobs, initializer=_start_worker, initargs=(common,)) as pool:
        # A bounded window of chunks in flight, taken in order: results cannot
        # pile up in memory when the consumer is slower than the workers
        # (imap would queue them all).
        chunks = iter([tasks[i:i + CHUNK_TASKS] for i in range(0, len(tasks), CHUNK_TASKS)])
        pending = deque(pool.apply_async(apply_chunk, (chunk,))
                        for chunk in islice(chunks, jobs * WINDOW_PER_JOB))
        while pending:
            done = pending.popleft().get()
            for chunk in islice(chunks, 1):
                pending.append(pool.apply_async(apply_chunk, (chunk,)))
            yield from (done if unpack is None else unpack(done))
