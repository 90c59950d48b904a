"""A large corpus is processed by a pool of workers; the release must be the
same bytes as a build in one process, and errors must be reported the same."""
import os
import shutil
import sys

from acftu_talks import cli, executor, pipeline
from conftest import ROOT, build_args


def synthetic(tmp_path, documents):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth
    synth.write_corpus(tmp_path / "corpus", documents, 8)
    return tmp_path / "corpus"


def files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_pool_gives_the_same_release_as_one_process(tmp_path):
    corpus = synthetic(tmp_path, executor.PARALLEL_MIN_TASKS + 6)
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli.main(build_args(corpus, one) + ["--jobs", "1"]) == 0
    assert cli.main(build_args(corpus, two) + ["--jobs", "2"]) == 0
    assert files(one) == files(two)


def test_a_pool_reports_every_problem(tmp_path, capsys):
    corpus = synthetic(tmp_path, executor.PARALLEL_MIN_TASKS + 6)
    texts = sorted(corpus.glob("*.txt"))
    texts[3].write_bytes(b"\x00")
    texts[-2].with_suffix(".toml").unlink()
    reports = []
    for jobs in ("1", "2"):
        assert cli.main(build_args(corpus, tmp_path / f"out{jobs}") + ["--jobs", jobs]) == 1
        reports.append(capsys.readouterr().err.replace(f"out{jobs}", "out"))
    assert reports[0] == reports[1]
    assert "[text.control-character]" in reports[0] and "[corpus.missing-sidecar]" in reports[0]


def _square(n: int, offset: int) -> tuple[int, int]:
    return n * n + offset, os.getpid()


def test_results_come_in_task_order_from_one_or_many_processes():

    tasks = [(n, 1) for n in range(executor.PARALLEL_MIN_TASKS + 5)]
    alone = list(executor.run(_square, tasks, jobs=1))
    pooled = list(executor.run(_square, tasks, jobs=2))
    assert [r for r, _ in alone] == [r for r, _ in pooled] == [n * n + 1 for n, _ in tasks]
    assert {pid for _, pid in alone} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in pooled}  # the pool did the work


def test_few_tasks_run_in_this_process():

    assert {pid for _, pid in executor.run(_square, [(2, 0), (3, 0)], jobs=4)} == {os.getpid()}


def _pack(results):
    return [r * 10 for r, _ in results], os.getpid()


def _unpack(packed):
    values, pid = packed
    return [(v // 10, pid) for v in values]


def test_a_pool_sends_each_chunk_packed_and_one_process_does_not_pack():
    tasks = [(n, 1) for n in range(executor.PARALLEL_MIN_TASKS + 5)]
    alone = list(executor.run(_square, tasks, 1, _pack, _unpack))
    pooled = list(executor.run(_square, tasks, 2, _pack, _unpack))
    assert [r for r, _ in alone] == [r for r, _ in pooled] == [n * n + 1 for n, _ in tasks]
    assert os.getpid() not in {pid for _, pid in pooled}  # packed by the workers
    assert {pid for _, pid in alone} == {os.getpid()}


def _with_common(n: int, base: int, factor: int) -> tuple[int, int]:
    return base + n * factor, os.getpid()


def test_common_arguments_reach_every_task_in_one_or_many_processes():
    tasks = [(n,) for n in range(executor.PARALLEL_MIN_TASKS + 5)]
    for jobs in (1, 2):
        assert [r for r, _ in executor.run(_with_common, tasks, jobs, common=(100, 3))] == \
            [100 + 3 * n for n in range(len(tasks))]


def test_the_default_is_one_process_below_three_cpus_and_one_worker_per_cpu_from_there(monkeypatch):
    found = {}
    monkeypatch.setattr(executor, "cpus", lambda: found["cpus"])
    defaults = []
    for n in (1, 2, 3, 8):
        found["cpus"] = n
        defaults.append(executor.default_jobs())
    assert defaults == [1, 1, 3, 8]
