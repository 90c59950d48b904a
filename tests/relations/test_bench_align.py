"""A small run of the alignment benchmark, so that it keeps working. No timing is asserted."""
import subprocess
import sys

from relations_fixtures import ROOT


def test_the_alignment_benchmark_runs_and_finds_every_planted_passage():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "align.py"), "--docs", "60"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    header, row = done.stdout.splitlines()[1], done.stdout.splitlines()[3]
    cells = dict(zip([c.strip() for c in header.split("|")[1:-1]], [c.strip() for c in row.split("|")[1:-1]]))
    assert cells["documents"] == "60" and cells["planted"] == "12"
    assert cells["recall"] == "1.000"
    assert int(cells["reuse rows"].replace(",", "")) >= 12 * 3  # each passage is in 3 documents: 3 pairs


def test_planted_passages_are_in_documents_of_different_events():
    sys.path.insert(0, str(ROOT / "bench"))
    import align
    corpus, planted = align.make_corpus(40, seed=3)
    for passage, targets in planted:
        assert all(passage in corpus[t].raw for t in targets)
    assert len({d.event_id for d in corpus}) > 1
