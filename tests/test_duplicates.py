"""duplicates.py: a doc_id claimed by a sidecar of another file."""
from __future__ import annotations

from acftu_talks import read
from acftu_talks.duplicates import Claim, DocIds


def claim(declared, doc_id, line=1):
    return Claim(declared, doc_id, f"corpus/{doc_id}.toml", f"corpus/{doc_id}.txt", line)


def test_a_sidecar_declaring_its_own_file_name_is_fine(tmp_path):
    ids = DocIds(tmp_path, tmp_path)
    assert ids.claim(claim("2018-10-29-a", "2018-10-29-a")) == []
    assert ids.claim(None) == []


def test_a_second_claim_is_reported_at_the_sidecar_that_does_not_match_its_file(tmp_path):
    ids = DocIds(tmp_path, tmp_path)
    assert ids.claim(claim("2018-10-29-a", "2018-10-29-a")) == []
    [problem] = ids.claim(claim("2018-10-29-a", "2018-10-30-b", line=4))
    assert (problem.path, problem.line, problem.where, problem.code) == \
        ("corpus/2018-10-30-b.toml", 4, "doc_id", "meta.duplicate-doc-id")
    assert problem.message == ("duplicate doc_id '2018-10-29-a': it is already the doc_id of "
                               "corpus/2018-10-29-a.toml, and this sidecar belongs to corpus/2018-10-30-b.txt")
    assert problem.hint == 'set doc_id = "2018-10-30-b" (a document\'s doc_id is its file name)'


def test_the_owner_is_found_on_disk_when_its_sidecar_comes_later(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2018-10-31-c.toml").write_text("", encoding="utf-8")
    [problem] = DocIds(corpus, tmp_path).claim(claim("2018-10-31-c", "2018-10-30-b"))
    assert "already the doc_id of corpus/2018-10-31-c.toml" in problem.message
    # a declared doc_id that no file has is not a duplicate (the mismatch is reported elsewhere)
    assert DocIds(corpus, tmp_path).claim(claim("2018-11-01-x", "2018-10-30-b")) == []


def test_a_claim_is_read_off_the_source():
    src = read.Source("2018-10-30-b", "corpus/b.txt", "corpus/b.toml", "x", "0" * 64,
                      {"doc_id": "2018-10-29-a"}, {("doc_id",): 2})
    assert Claim.of(src) == Claim("2018-10-29-a", "2018-10-30-b", "corpus/b.toml", "corpus/b.txt", 2)
    assert Claim.of(read.Source("b", "b.txt", "b.toml", "x", "", {"doc_id": 7})) is None
